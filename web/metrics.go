package web

import (
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are one server's Prometheus collectors, in a registry of its own so
// that servers in one process (tests) never collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

var serverMetrics sync.Map // *Server → *metrics

func (s *Server) metrics() *metrics {
	if v, ok := serverMetrics.Load(s); ok {
		return v.(*metrics)
	}
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "zhifa_http_requests_total",
		Help: "HTTP requests by route pattern, method and status."}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "zhifa_http_request_duration_seconds",
		Help: "HTTP request latency by route pattern and method.", Buckets: prometheus.DefBuckets}, []string{"route", "method"})
	// the case library's size, once something has opened it (metrics never open an index)
	caseLib := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "zhifa_caselib_cases",
		Help: "Cases in the case library (0 until it is first opened)."}, func() float64 {
		if v, ok := similarStates.Load(s); ok {
			if st := v.(*similarState); st.lib != nil {
				return float64(st.lib.Len())
			}
		}
		return 0
	})
	m.reg.MustRegister(m.requests, m.latency, caseLib, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	v, _ := serverMetrics.LoadOrStore(s, m)
	s.OnClose(func() error { serverMetrics.CompareAndDelete(s, v); return nil })
	return v.(*metrics)
}

// observe counts every request by its route pattern (/api/v1/cases/:id, not
// the id itself, so that the series stay few), and logs one line for it:
// method, path (never the query string, which may carry a secret), route,
// status, duration and who asked ("-" for nobody). Nothing from headers,
// cookies or bodies is logged.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		// the error handler has not run yet: take the status it will answer with
		status = apiError(c, err).Status
	}
	route := c.Route().Path
	if status == 404 && route == "/" {
		route = "unmatched"
	}
	// fiber's strings point into reused buffers; a label must own its bytes
	route, method := strings.Clone(route), strings.Clone(c.Method())
	m := s.metrics()
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	took := time.Since(start)
	m.latency.WithLabelValues(route, method).Observe(took.Seconds())
	user := "-"
	if a, ok := c.Locals(authKey).(*authState); ok {
		user = a.user.Login
	}
	s.logger().LogAttrs(c.UserContext(), slog.LevelInfo, "request",
		slog.String("method", method), slog.String("path", strings.Clone(c.Path())), slog.String("route", route),
		slog.Int("status", status), slog.Duration("duration", took), slog.String("user", user))
	return err
}

// metricsHandler serves GET /metrics in the Prometheus text format.
func (s *Server) metricsHandler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(s.metrics().reg, promhttp.HandlerOpts{}))
}
