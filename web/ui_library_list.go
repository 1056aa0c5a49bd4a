package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"zhifa/caselib"
)

// libraryReaders may read the case library's pages and join its discussions.
var libraryReaders = []string{"trainer", "officer", "reviewer"}

const libraryPageSize = 50

type libraryListView struct {
	page
	Collections []caselib.CollectionCount
	Cases       []*caselib.Case
	Total       int
	Collection  string
	Tag         string
	Exemplary   string
	Q           string
	Offset      int
	Prev, Next  string // pager links, "" when there is none
	Curator     bool
}

// libraryList is GET /ui/library: the collections and the library's cases,
// filtered by collection, tag, the exemplary mark and a search text.
func (s *Server) libraryListPage(c *fiber.Ctx) error {
	u, err := needRole(c, libraryReaders...)
	if u == nil {
		return err
	}
	l, err := s.caseLibraryWriter()
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v := libraryListView{page: newPage(c, u, "案例库", "library"), Collection: c.Query("collection"), Tag: c.Query("tag"),
		Exemplary: c.Query("exemplary"), Q: c.Query("q"), Curator: hasRole(u, "trainer")}
	if v.Collections, err = l.Collections(ctx); err != nil {
		return err
	}
	q := caselib.Query{Collection: v.Collection, Tag: v.Tag, Q: v.Q, Limit: libraryPageSize}
	if o, err := strconv.Atoi(c.Query("offset", "0")); err == nil && o > 0 {
		v.Offset, q.Offset = o, o
	}
	switch v.Exemplary {
	case "":
	case "true":
		t := true
		q.Exemplary = &t
	case "false":
		f := false
		q.Exemplary = &f
	default:
		v.Errors["exemplary"] = "请选择“全部”“典型案例”或“非典型案例”"
		return render(c, http.StatusBadRequest, "library_list", v)
	}
	if v.Cases, v.Total, err = l.Find(ctx, q); err != nil {
		if v.fail(err, nil) {
			return render(c, http.StatusUnprocessableEntity, "library_list", v)
		}
		return err
	}
	for i, k := range v.Cases {
		v.Cases[i] = k.Public()
	}
	link := func(off int) string {
		p := url.Values{}
		for k, val := range map[string]string{"collection": v.Collection, "tag": v.Tag, "exemplary": v.Exemplary, "q": v.Q} {
			if val != "" {
				p.Set(k, val)
			}
		}
		if off > 0 {
			p.Set("offset", strconv.Itoa(off))
		}
		return "/ui/library?" + p.Encode()
	}
	if v.Offset > 0 {
		v.Prev = link(max(v.Offset-libraryPageSize, 0))
	}
	if v.Offset+len(v.Cases) < v.Total {
		v.Next = link(v.Offset + libraryPageSize)
	}
	return render(c, http.StatusOK, "library_list", v)
}
