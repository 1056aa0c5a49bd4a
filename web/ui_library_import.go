package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
)

// Imports from the page run in the background: the upload is answered at
// once with a page that reloads itself until the import is done, then shows
// the counts and each bad line beside the file field.

// libraryImportJob is one import started from the page.
type libraryImportJob struct {
	ID, File, Collection, By string
	Lines                    int // lines of the file (about the cases to read)
	Started                  time.Time
	done                     atomic.Int64 // cases read so far
	mu                       sync.Mutex
	phase                    string // 读取 → 分析 → 保存; "" when finished
	res                      caselib.ImportResult
	field, msg               string // the import's error and the field it names
}

type libraryImports struct {
	mu   sync.Mutex
	jobs map[string]*libraryImportJob
	wg   sync.WaitGroup
	seq  int
}

var libraryImportStates sync.Map // *Server → *libraryImports

// maxImportJobs is how many finished imports are kept to be shown.
const maxImportJobs = 50

func (s *Server) libraryImports() *libraryImports {
	v, loaded := libraryImportStates.LoadOrStore(s, &libraryImports{jobs: map[string]*libraryImportJob{}})
	li := v.(*libraryImports)
	if !loaded {
		s.OnClose(func() error {
			li.wg.Wait()
			libraryImportStates.Delete(s)
			return nil
		})
	}
	return li
}

type libraryImportView struct {
	page
	Job         *libraryImportJob
	Running     bool
	Phase       string
	Done        int
	Result      caselib.ImportResult
	Collection  string
	Collections []caselib.CollectionCount
}

// libraryImportForm is GET /ui/library/import.
func (s *Server) libraryImportForm(c *fiber.Ctx) error {
	u, err := needRole(c, "trainer")
	if u == nil {
		return err
	}
	v, err := s.libraryImportPage(c, u)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, "library_import", v)
}

func (s *Server) libraryImportPage(c *fiber.Ctx, u *PageUser) (*libraryImportView, error) {
	v := &libraryImportView{page: newPage(c, u, "导入案例", "library"), Collection: c.FormValue("collection")}
	l, err := s.caseLibraryWriter()
	if err != nil {
		return nil, err
	}
	if v.Collections, err = l.Collections(c.UserContext()); err != nil {
		return nil, err
	}
	return v, nil
}

// libraryImportStart is POST /ui/library/import (multipart: file, collection).
func (s *Server) libraryImportStart(c *fiber.Ctx) error {
	u, err := needRole(c, "trainer")
	if u == nil {
		return err
	}
	v, err := s.libraryImportPage(c, u)
	if err != nil {
		return err
	}
	bad := func(field, msg string) error {
		v.Errors[field] = msg
		return render(c, http.StatusUnprocessableEntity, "library_import", v)
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return bad("file", "请选择要导入的文件（.jsonl、.csv、.txt 或 .docx）")
	}
	if fh.Size > maxLibraryUpload {
		return bad("file", fmt.Sprintf("文件超过上传上限（%d MB）", maxLibraryUpload>>20))
	}
	switch ext := strings.ToLower(filepath.Ext(fh.Filename)); ext {
	case ".jsonl", ".ndjson", ".json", "", ".csv", ".txt", ".docx":
	default:
		return bad("file", fmt.Sprintf("不支持的文件类型 %q（应为 .jsonl、.csv、.txt 或 .docx）", ext))
	}
	f, err := fh.Open()
	if err != nil {
		return bad("file", "无法读取上传的文件："+err.Error())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxLibraryUpload+1))
	f.Close()
	if err != nil {
		return bad("file", "无法读取上传的文件："+err.Error())
	}
	coll := strings.TrimSpace(c.FormValue("collection"))
	li := s.libraryImports()
	li.mu.Lock()
	li.seq++
	j := &libraryImportJob{ID: fmt.Sprintf("imp-%d-%d", time.Now().Unix(), li.seq), File: filepath.Base(fh.Filename), Collection: coll,
		By: actorOf(c), Lines: lineCount(data), Started: time.Now(), phase: "读取"}
	if len(li.jobs) >= maxImportJobs {
		for id, old := range li.jobs {
			if old.state() == "" {
				delete(li.jobs, id)
				break
			}
		}
	}
	li.jobs[j.ID] = j
	li.wg.Add(1)
	li.mu.Unlock()
	go func() {
		defer li.wg.Done()
		s.runLibraryImport(j, data)
	}()
	return c.Redirect("/ui/library/import/"+url.PathEscape(j.ID), http.StatusSeeOther)
}

func (j *libraryImportJob) state() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.phase
}

func (j *libraryImportJob) setPhase(p string) {
	j.mu.Lock()
	j.phase = p
	j.mu.Unlock()
}

// runLibraryImport imports data through a handle of its own, as the API does.
func (s *Server) runLibraryImport(j *libraryImportJob, data []byte) {
	res, field, msg := caselib.ImportResult{Errors: []caselib.LineError{}}, "", ""
	defer func() {
		j.mu.Lock()
		j.res, j.field, j.msg, j.phase = res, field, msg, ""
		j.mu.Unlock()
	}()
	w, err := caselib.OpenWriter(s.Opts.DataDir)
	if err != nil {
		slog.Error("case library import", "file", j.File, "err", err)
		field, msg = "", "导入失败："+err.Error()
		return
	}
	defer w.Close()
	progress := func(n int) { j.done.Store(int64(n)) }
	switch strings.ToLower(filepath.Ext(j.File)) {
	case ".csv":
		res, err = w.ImportCSV(bytes.NewReader(data), j.Collection, progress)
	case ".txt", ".docx":
		res, err = w.ImportUpload(j.File, data, j.Collection)
	default:
		res, err = w.ImportJSONL(bytes.NewReader(data), j.Collection, progress)
	}
	j.done.Store(int64(res.Imported))
	if err != nil {
		var fe *caselib.FieldError
		if errors.As(err, &fe) {
			field, msg = fe.Field, fe.Message
		} else {
			field, msg = "file", err.Error()
		}
		return
	}
	if res.Imported == 0 {
		if res.Skipped == 0 {
			field, msg = "file", "文件中没有案例"
		}
		return
	}
	j.setPhase("分析")
	w.Analyse()
	j.setPhase("保存")
	if err := w.Save(); err != nil {
		slog.Error("case library import", "file", j.File, "err", err)
		field, msg = "", "保存失败："+err.Error()
		res.Imported = 0
		return
	}
	s.caseLibraryChanged()
}

// libraryImportShow is GET /ui/library/import/:job: the import's progress,
// reloading itself until it is done, then its counts and bad lines.
func (s *Server) libraryImportShow(c *fiber.Ctx) error {
	u, err := needRole(c, "trainer")
	if u == nil {
		return err
	}
	li := s.libraryImports()
	li.mu.Lock()
	j := li.jobs[c.Params("job")]
	li.mu.Unlock()
	if j == nil {
		return pageError(c, u, notFound("import %s not found (imports are kept until the server restarts)", c.Params("job")))
	}
	v, err := s.libraryImportPage(c, u)
	if err != nil {
		return err
	}
	v.Job, v.Collection, v.Done = j, j.Collection, int(j.done.Load())
	j.mu.Lock()
	v.Phase, v.Result = j.phase, j.res
	if j.msg != "" {
		if j.field == "" {
			v.Error = j.msg
		} else {
			v.Errors[j.field] = j.msg
		}
	}
	j.mu.Unlock()
	if v.Running = v.Phase != ""; v.Running {
		v.Refresh = 1
	} else if v.Result.Imported > 0 {
		v.Notice = fmt.Sprintf("已导入 %d 件", v.Result.Imported)
	}
	return render(c, http.StatusOK, "library_import", v)
}

// lineCount is the number of lines of data, a last line without "\n" included.
func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}
