package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/grassroots-sim/grassroots/scenario"
)

var cmdList = &command{
	Name:      "list",
	UsageLine: "grassroots list",
	Short:     "list the built-in scenarios",
	Long: `List prints the built-in scenarios, one per line with what each is for.
Any of these names can be given to run (and later compare and sweep) instead
of a file.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		return func(_ context.Context, env *env, args []string) error {
			if len(args) > 0 {
				return usageError(env, "takes no arguments")
			}
			infos := scenario.Builtins()
			width := 0
			for _, in := range infos {
				width = max(width, len(in.Name))
			}
			for _, in := range infos {
				fmt.Fprintf(env.stdout, "%-*s  %s\n", width, in.Name, in.Summary)
			}
			return nil
		}
	},
}

var cmdShow = &command{
	Name:      "show",
	UsageLine: "grassroots show SCENARIO",
	Short:     "print a built-in scenario's TOML file",
	Long: `Show prints the TOML file of a built-in scenario (see "grassroots list"),
comments included, as the program embeds it: save it to start a scenario of
your own,

	grassroots show full-programme > mine.toml

then change its name and what differs. Its extends still names a built-in;
"grassroots validate --print mine.toml" prints every value resolved.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		return func(_ context.Context, env *env, args []string) error {
			if len(args) != 1 {
				return usageError(env, "takes one built-in scenario name, got %d", len(args))
			}
			text, err := scenario.BuiltinText(args[0])
			if err != nil {
				return err
			}
			_, err = env.stdout.Write(text)
			return err
		}
	},
}

var cmdValidate = &command{
	Name:      "validate",
	UsageLine: "grassroots validate [--print] FILE...",
	Short:     "check scenario files without running them",
	Long: `Validate loads each scenario file (or built-in name), resolving extends,
and reports every unknown key, wrong type and out-of-range value with its
file and line. It prints "ok NAME" for each valid scenario and exits with
status 1 if any is invalid. It says what each file builds on (the files it
extends, or the program's defaults) and warns on stderr about keys that take
no effect, such as [project] or [stages] keys when the project never runs.

With --print it prints each valid scenario resolved, as TOML: every key with
its value, no extends (the "ok" line becomes a comment above it). The output
is a scenario file that runs the same.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
		printResolved := fs.Bool("print", false, "print each valid scenario resolved, as TOML")
		return func(_ context.Context, env *env, args []string) error {
			if len(args) == 0 {
				return usageError(env, "needs at least one file")
			}
			var failed error
			for _, ref := range args {
				s, err := scenario.Load(ref, nil)
				if err != nil {
					fmt.Fprintln(env.stderr, err)
					failed = errors.New("invalid scenarios")
					continue
				}
				warn(env, s)
				if !*printResolved {
					fmt.Fprintf(env.stdout, "ok %s (%s; %s)\n", ref, s.Name, s.BuildsOn())
					continue
				}
				fmt.Fprintf(env.stdout, "# ok %s (%s; %s)\n", ref, s.Name, s.BuildsOn())
				if err := s.Encode(env.stdout); err != nil {
					return err
				}
				fmt.Fprintln(env.stdout)
			}
			return failed
		}
	},
}

// warn prints the scenario's warnings on stderr.
func warn(env *env, s *scenario.Scenario) {
	for _, w := range s.Warnings {
		fmt.Fprintln(env.stderr, "warning:", w)
	}
}
