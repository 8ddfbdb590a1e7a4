package workbench

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Options configure a Server.
type Options struct {
	Workspace string // directory of the user's scenarios and data; created if missing
	// MaxJobs bounds the simulations running at once, comparisons and
	// interactive runs alike; default 2.
	MaxJobs int
	// Workers is the goroutines each simulation uses; default GOMAXPROCS.
	Workers int
	// AllowRemote accepts requests for any host name; otherwise only
	// loopback names (localhost, 127.0.0.1, [::1]) are served, which keeps
	// other web sites from reaching the server by DNS rebinding.
	AllowRemote bool
	Version     string // shown in reports
	Log         *log.Logger
}

// Body limits. Forms are small; community data may be large, but no more
// than population's own limits allow.
const (
	maxFormBytes   = 1 << 20
	maxUploadBytes = 64 << 20
	// maxReplications bounds one comparison from the browser.
	maxReplications = 500
)

//go:embed templates/*.html static/*
var assets embed.FS

// Server is the workbench's http.Handler.
type Server struct {
	opts  Options
	mux   *http.ServeMux
	slots chan struct{} // one token per running simulation
	jobs  *jobTable
	pages map[string]*template.Template

	results resultCache // of the interactive comparisons
}

// New returns a server working in opts.Workspace, which it creates.
func New(opts Options) (*Server, error) {
	if opts.Workspace == "" {
		return nil, errors.New("workbench: no workspace directory")
	}
	if err := os.MkdirAll(filepath.Join(opts.Workspace, dataDir), 0o755); err != nil {
		return nil, fmt.Errorf("workbench: workspace: %w", err)
	}
	if opts.MaxJobs < 1 {
		opts.MaxJobs = 2
	}
	if opts.Workers < 1 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Log == nil {
		opts.Log = log.New(os.Stderr, "grassroots serve: ", log.LstdFlags)
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), slots: make(chan struct{}, opts.MaxJobs), jobs: newJobTable()}
	if err := s.parsePages(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	static, _ := fs.Sub(assets, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.library)
	s.mux.HandleFunc("POST /compare", s.startCompare)
	s.mux.HandleFunc("GET /jobs/{id}", s.jobPage)
	s.mux.HandleFunc("GET /jobs/{id}/events", s.jobEvents)
	s.mux.HandleFunc("POST /jobs/{id}/cancel", s.cancelJob)
	s.mux.HandleFunc("GET /jobs/{id}/report.html", s.jobReport)
	s.mux.HandleFunc("GET /explore", s.explore)
	s.mux.HandleFunc("GET /explore/result", s.exploreResult)
	s.mux.HandleFunc("GET /edit", s.editPage)
	s.mux.HandleFunc("POST /edit", s.editSubmit)
	s.mux.HandleFunc("GET /workspace/{file}", s.downloadScenario)
	s.mux.HandleFunc("GET /data", s.dataPage)
	s.mux.HandleFunc("POST /data", s.dataUpload)
}

// ServeHTTP serves one request with the server's safety rules around it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.opts.Log.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			s.fail(w, http.StatusInternalServerError, "Something went wrong inside the workbench",
				"The request failed; the server keeps running. The details are in the terminal that runs grassroots serve.")
		}
	}()
	if !s.opts.AllowRemote && !loopbackHost(r.Host) {
		http.Error(w, "this workbench answers only to localhost; start it with --allow-remote to serve other names", http.StatusMisdirectedRequest)
		return
	}
	limit := int64(maxFormBytes)
	if r.URL.Path == "/data" {
		limit = maxUploadBytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	crossOrigin.Handler(s.mux).ServeHTTP(w, r)
}

// crossOrigin refuses state-changing requests from other web sites, which
// a browser would otherwise send to a server on localhost.
var crossOrigin = http.NewCrossOriginProtection()

// loopbackHost reports whether the Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// acquire takes a simulation slot, or reports false when all are taken.
func (s *Server) acquire() bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

// acquireWithin is acquire, waiting up to d for a slot to free (or until
// ctx ends).
func (s *Server) acquireWithin(ctx context.Context, d time.Duration) bool {
	if s.acquire() {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func (s *Server) release() { <-s.slots }

// busy answers a request that found every simulation slot taken.
func (s *Server) busy(w http.ResponseWriter) {
	s.fail(w, http.StatusTooManyRequests, "The workbench is busy",
		fmt.Sprintf("%d simulations are already running, the most this workbench runs at once. Wait for one to finish or cancel it, then try again.", s.opts.MaxJobs))
}
