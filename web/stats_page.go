package web

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"html/template"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"zhifa/stats"
)

// The statistics page: the year's tables and two charts, ECharts served
// from the binary under a content-hashed name.

//go:embed static/echarts-5.6.0.min.js
var echartsJS []byte

//go:embed stats_page.html
var statsPageHTML string

// The page's own style and chart code, as files: the CSP allows no inline
// script or style.
var (
	//go:embed static/stats.css
	statsCSS []byte
	//go:embed static/stats.js
	statsJS []byte
)

var (
	echartsPath   = "/static/echarts." + contentHash(echartsJS) + ".min.js"
	statsCSSPath  = "/static/stats." + contentHash(statsCSS) + ".css"
	statsJSPath   = "/static/stats." + contentHash(statsJS) + ".js"
	statsPageTmpl = template.Must(template.New("stats").Funcs(template.FuncMap{"kindName": func(k string) string { return stats.KindNames[k] }}).Parse(statsPageHTML))
)

func contentHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

func init() {
	registerRoutes(func(s *Server, api fiber.Router) {
		s.App.Get(echartsPath, func(c *fiber.Ctx) error {
			c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
			c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
			return c.Send(echartsJS)
		})
		s.App.Get(statsCSSPath, staticAsset("text/css; charset=utf-8", statsCSS))
		s.App.Get(statsJSPath, staticAsset("text/javascript; charset=utf-8", statsJS))
		s.App.Get("/stats", s.statsPage)
	})
}

type statsView struct {
	Report    stats.Report
	Kinds     []string
	ScriptSrc string // ECharts
	StyleSrc  string
	ChartSrc  string // the page's charts
	Years     []int
}

// statsPage is GET /stats?year=&agency=: the statistics as tables and charts.
func (s *Server) statsPage(c *fiber.Ctx) error {
	year := time.Now().Year()
	if ys := c.Query("year"); ys != "" {
		y, err := strconv.Atoi(ys)
		if err != nil {
			return badRequest("year", "%q is not a year", ys)
		}
		year = y
	}
	st, err := s.Records()
	if err != nil {
		return err
	}
	rep, err := stats.Year(c.UserContext(), st, year, c.Query("agency"))
	if err != nil {
		return recErr(err)
	}
	v := statsView{Report: rep, Kinds: stats.Kinds, ScriptSrc: echartsPath, StyleSrc: statsCSSPath, ChartSrc: statsJSPath}
	for y := year - 2; y <= year+1; y++ {
		v.Years = append(v.Years, y)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return statsPageTmpl.Execute(c.Response().BodyWriter(), v)
}
