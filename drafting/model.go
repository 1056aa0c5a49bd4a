// Package drafting fills enforcement documents (文书) from a document model and writes them as
// DOCX laid out to GB/T 9704-2012. It does not read the case store: callers fill Model.
package drafting

// Model is everything a document may need; cmd and web fill it from the records.
type Model struct {
	Agency     AgencyProfile
	Case       CaseInfo
	Party      Party
	Facts      string
	Evidence   []string
	Violated   string // 违反的规定
	Basis      string // 处罚依据
	Discretion string // 裁量理由
	Fine       float64
	Confiscate float64 // 没收违法所得
	Decision   string  // 处罚决定内容
	Number     string  // 文号, e.g. 示市监罚〔2026〕12号
	// What the decision recounts (第五十九条; the 市场监管 文书范本).
	CaseSource      string // 案件来源, e.g. 群众举报、监督抽检
	NoticeDate      string // 告知书送达日期, e.g. 2026年11月10日
	Statements      string // 当事人的陈述、申辩（听证）意见; "" = not recorded
	StatementsReply string // 采纳与否及理由
	Date            string // YYYY-MM-DD, the document date
	Review          string // 法制审核意见
	Reviewer        string // 法制审核人员
	ReviewDate      string // 法制审核日期, e.g. 2026年4月10日
	// Optional facts for the procedural documents.
	Hearing                string   // 听证时间地点
	HearingHost            string   // 听证主持人
	HearingStatements      string   // 当事人在听证中的陈述、申辩意见
	HearingNoticeDate      string   // 听证通知书日期
	Discussion             string   // 集体讨论时间地点
	DiscussionDate         string   // 集体讨论日期
	DiscussionParticipants []string // 集体讨论参加人员
	DiscussionResult       string   // 集体讨论结论
	ClosingDate            string   // 结案日期
	Deadline               string   // 改正期限
	TransferTo             string   // 移送机关, e.g. 示例县公安局
	TransferReason         string   // 涉嫌犯罪情形
	ServedDocument         string   // 送达文书名称及文号
	Execution              string   // 执行情况
}

// AgencyProfile is the agency's editable letterhead data.
type AgencyProfile struct {
	Name, Seal, Bank, BankAccount, ReviewBody, Court, Address string // ReviewBody: 复议机关
	LegalReviewBody                                           string // 法制审核机构; the agency itself when empty
}

// CaseInfo identifies the case (案件).
type CaseInfo struct{ ID, CaseNo, Title, FiledOn string }

// Party is the 当事人.
type Party struct {
	Name, Kind, IDNumber, Address, Representative, Phone string // Kind: person | organization
}
