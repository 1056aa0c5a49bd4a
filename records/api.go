package records

import (
	"context"
	"time"
)

// API is what other areas use; *Store implements it.
type API interface {
	// agencies, power list, officers: Create* never replace (a *ConflictError
	// naming id), Put* create or replace
	CreateAgency(ctx context.Context, a Agency, actor string) (Agency, error)
	CreatePowerItem(ctx context.Context, p PowerItem, actor string) (PowerItem, error)
	CreateOfficer(ctx context.Context, o Officer, actor string) (Officer, error)
	PutAgency(ctx context.Context, a Agency, actor string) (Agency, error)
	GetAgency(ctx context.Context, id string) (Agency, error)
	ListAgencies(ctx context.Context) ([]Agency, error)
	PutPowerItem(ctx context.Context, p PowerItem, actor string) (PowerItem, error)
	GetPowerItem(ctx context.Context, id string) (PowerItem, error)
	ListPowerItems(ctx context.Context, agencyID string) ([]PowerItem, error)
	PutOfficer(ctx context.Context, o Officer, actor string) (Officer, error)
	GetOfficer(ctx context.Context, id string) (Officer, error)
	ListOfficers(ctx context.Context, agencyID string) ([]Officer, error)
	// cases
	CreateCase(ctx context.Context, c Case, actor string) (Case, error) // never replaces
	UpdateCase(ctx context.Context, c Case, actor string) (Case, error) // not once closed or archived
	GetCase(ctx context.Context, id, actor string) (Case, error)        // logs the access
	CaseRecord(ctx context.Context, id string) (Case, error)            // does not
	CaseCreator(ctx context.Context, id string) (string, error)
	ListCases(ctx context.Context) ([]Case, error)
	AppendStep(ctx context.Context, caseID, kind string, at time.Time, data any, actor string) (Step, []string, error)
	ListDecidedCases(ctx context.Context, since time.Time) ([]Case, error)
	AccessLogFor(ctx context.Context, caseID string) ([]AccessLog, error)
	// evidence and documents
	AddEvidence(ctx context.Context, e Evidence, content []byte, actor string) (Evidence, error)
	ListEvidence(ctx context.Context, caseID string) ([]Evidence, error)
	AddDocument(ctx context.Context, caseID, kind, number string, content []byte, actor string) (Document, error)
	ListDocuments(ctx context.Context, caseID string) ([]Document, error)
	ReadFile(sha256hex string) ([]byte, error)
	NextDocumentNumber(ctx context.Context, agencyID string, year int, kind string) (int, error)
	// audit chain
	Verify(ctx context.Context) VerifyResult
	PublicKey() []byte
}

var _ API = (*Store)(nil)
