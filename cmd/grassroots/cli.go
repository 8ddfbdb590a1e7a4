package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/grassroots-sim/grassroots/scenario"
)

// errUsage marks errors in the command line itself; they exit with status 2
// after the usage has been printed.
var errUsage = errors.New("usage")

// env is what a command runs with.
type env struct {
	stdout, stderr io.Writer
	args           []string // the full command line, for manifests
	cmd            *command // the command running
}

// command is one subcommand, in the style of cmd/go: a usage line, a short
// and a long description, its flags and what it does.
type command struct {
	Name      string
	UsageLine string
	Short     string
	Long      string
	// Flags declares the command's flags on fs and returns a function
	// running the command with the positional arguments.
	Flags func(fs *flag.FlagSet) func(ctx context.Context, env *env, args []string) error
}

func commands() []*command {
	return []*command{cmdRun, cmdCompare, cmdSweep, cmdFindings, cmdMerge, cmdSensitivity, cmdCalibrate, cmdPopulation, cmdList, cmdShow, cmdParams, cmdValidate, cmdServe, cmdVersion}
}

// run is the whole program behind main.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{stdout: stdout, stderr: stderr, args: append([]string{"grassroots"}, args...)}
	if len(args) == 0 {
		usage(stderr)
		return errUsage
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		return help(stdout, stderr, rest)
	}
	for _, c := range commands() {
		if c.Name != name {
			continue
		}
		fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		runCmd := c.Flags(fs)
		positional, err := parseInterleaved(fs, rest)
		if errors.Is(err, flag.ErrHelp) {
			printCommand(stdout, c, fs)
			return nil
		}
		if err != nil {
			fmt.Fprintf(stderr, "grassroots %s: %v%s\n", c.Name, err, suggestFlag(fs, err))
			fmt.Fprintf(stderr, "usage: %s\nRun 'grassroots help %s' for details.\n", c.UsageLine, c.Name)
			return errUsage
		}
		e.cmd = c
		return runCmd(ctx, e, positional)
	}
	fmt.Fprintf(stderr, "grassroots: unknown command %q%s\n", name, scenario.Suggest(name, commandNames()))
	usage(stderr)
	return errUsage
}

func commandNames() []string {
	names := []string{"help"}
	for _, c := range commands() {
		names = append(names, c.Name)
	}
	return names
}

// suggestFlag returns a "did you mean" for an undefined flag, or "".
func suggestFlag(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return scenario.Suggest("--"+strings.TrimLeft(name, "-"), names)
}

// parseInterleaved parses flags wherever they appear among the positional
// arguments ("run baseline --reps 5" as well as "run --reps 5 baseline").
// A lone "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// usageError reports a wrong command line from inside a command.
func usageError(env *env, format string, a ...any) error {
	c := env.cmd
	fmt.Fprintf(env.stderr, "grassroots %s: %s\nusage: %s\n", c.Name, fmt.Sprintf(format, a...), c.UsageLine)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, "grassroots simulates a community's social ecosystem and the social-work\nprojects that intervene in it.\n\nUsage:\n\n\tgrassroots <command> [arguments]\n\nThe commands are:\n\n")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.Name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-*s  %s\n", width, c.Name, c.Short)
	}
	fmt.Fprint(w, "\nUse \"grassroots help <command>\" for more information about a command.\n")
}

func help(w, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		usage(w)
		return nil
	}
	if args[0] == "help" {
		fmt.Fprint(w, "usage: grassroots help [command]\n\nHelp prints the commands, or what one command does and its flags.\n")
		return nil
	}
	for _, c := range commands() {
		if c.Name == args[0] {
			fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
			c.Flags(fs)
			printCommand(w, c, fs)
			return nil
		}
	}
	fmt.Fprintf(stderr, "grassroots help: unknown command %q%s\n", args[0], scenario.Suggest(args[0], commandNames()))
	return errUsage
}

func printCommand(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", c.UsageLine, strings.TrimSpace(c.Long))
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// version is the program version: the module version when built from a
// tagged module, otherwise the VCS revision, otherwise "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return "devel-" + rev
}

var cmdVersion = &command{
	Name:      "version",
	UsageLine: "grassroots version",
	Short:     "print the program and Go versions",
	Long:      "Version prints the program version and the Go version it was built with.",
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		return func(_ context.Context, env *env, args []string) error {
			if len(args) > 0 {
				return usageError(env, "takes no arguments")
			}
			fmt.Fprintf(env.stdout, "grassroots %s %s %s/%s\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		}
	},
}
