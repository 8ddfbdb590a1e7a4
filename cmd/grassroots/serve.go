package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/grassroots-sim/grassroots/workbench"
)

var cmdServe = &command{
	Name:      "serve",
	UsageLine: "grassroots serve [--addr 127.0.0.1:8080] [--workspace DIR] [--allow-remote] [--jobs N]",
	Short:     "open the planner's workbench in a web browser",
	Long: `Serve runs the workbench, a local web application to pick scenarios, edit
them, upload a community's data, compare scenarios with their intervals and
costs, move the main levers and download a report. Open the address it
prints in a web browser; stop it with Ctrl-C.

It listens on this computer only (127.0.0.1) unless --addr names another
address and --allow-remote is given: the workbench has no login, so anyone
who reaches it can run simulations and write into the workspace.

The workspace (default ./grassroots-workspace, created if missing) holds the
scenarios saved from the browser as NAME.toml, which the other commands
read as they are, and uploaded communities under data/NAME/.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		addr := fs.String("addr", "127.0.0.1:8080", "address to listen on, host:port")
		workspace := fs.String("workspace", "grassroots-workspace", "directory of your scenarios and data")
		remote := fs.Bool("allow-remote", false, "allow an --addr that other machines can reach")
		jobs := fs.Int("jobs", 2, "simulations running at once, at most")
		return func(ctx context.Context, env *env, args []string) error {
			if len(args) > 0 {
				return usageError(env, "takes no arguments")
			}
			if *jobs < 1 {
				return usageError(env, "--jobs must be at least 1, got %d", *jobs)
			}
			host, _, err := net.SplitHostPort(*addr)
			if err != nil {
				return usageError(env, "--addr %q: %v", *addr, err)
			}
			loopback := host == "localhost"
			if ip := net.ParseIP(host); ip != nil {
				loopback = ip.IsLoopback()
			}
			if !loopback && !*remote {
				return usageError(env, "--addr %s can be reached from other machines; add --allow-remote to serve it anyway", *addr)
			}
			return serve(ctx, env, *addr, *workspace, *remote || !loopback, *jobs)
		}
	},
}

func serve(ctx context.Context, env *env, addr, workspace string, remote bool, jobs int) error {
	logger := log.New(env.stderr, "grassroots serve: ", log.LstdFlags)
	wb, err := workbench.New(workbench.Options{Workspace: workspace, MaxJobs: jobs, AllowRemote: remote, Version: version(), Log: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           wb,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of community data
		WriteTimeout:      2 * time.Minute, // progress streams lift it
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          logger,
	}
	if remote {
		fmt.Fprintf(env.stderr, "WARNING: serving on %s, which other machines may reach. The workbench has no login: anyone who reaches it can run simulations and write into %s.\n", ln.Addr(), workspace)
	}
	fmt.Fprintf(env.stderr, "grassroots workbench: open http://%s/ in a web browser (workspace %s; %s). Ctrl-C stops it.\n",
		ln.Addr(), workspace, map[bool]string{false: "this computer only", true: "reachable from other machines"}[remote])
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Finish the requests under way, within the second a command has to
	// stop; progress streams never finish, so close what remains.
	shutdown, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	fmt.Fprintln(env.stderr, "grassroots workbench: stopped")
	return nil
}
