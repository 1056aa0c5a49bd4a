package auth

import (
	"context"
	"errors"

	"zhifa/records"
)

// DemoUser is a demo account and its password, printed when demo data loads.
type DemoUser struct {
	Login    string   `json:"login"`
	Password string   `json:"password"`
	Roles    []string `json:"roles"`
}

// LoadDemoUsers creates the demo accounts (officer1, officer2 — the demo
// bureau's officers demo-of-1 and demo-of-2 —, reviewer1 — demo-of-5 —,
// trainer1, supervisor1 — reads the cases of the demo city and its county —,
// admin) with fresh random passwords; accounts that
// exist are left as they are and not listed.
func LoadDemoUsers(ctx context.Context, st *records.Store) ([]DemoUser, error) {
	ag := records.DemoAgencyID
	users := []User{
		{Login: "officer1", Name: "示例执法人员一（虚构）", Roles: []string{RoleOfficer}, AgencyID: ag, OfficerID: "demo-of-1"},
		{Login: "officer2", Name: "示例执法人员二（虚构）", Roles: []string{RoleOfficer}, AgencyID: ag, OfficerID: "demo-of-2"},
		{Login: "reviewer1", Name: "刘洋（虚构）", Roles: []string{RoleReviewer}, AgencyID: ag, OfficerID: "demo-of-5"},
		{Login: "trainer1", Name: "示例培训管理员（虚构）", Roles: []string{RoleTrainer}, AgencyID: ag},
		{Login: "supervisor1", Name: "示例监督人员（虚构）", Roles: []string{RoleSupervisor}, Region: records.DemoRegion},
		{Login: "admin", Name: "系统管理员", Roles: []string{RoleAdmin}},
	}
	var out []DemoUser
	for _, u := range users {
		pw := RandomPassword()
		_, err := CreateUser(ctx, st, "demo", u, pw)
		var ce *records.ConflictError
		if errors.As(err, &ce) {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, DemoUser{Login: u.Login, Password: pw, Roles: u.Roles})
	}
	return out, nil
}
