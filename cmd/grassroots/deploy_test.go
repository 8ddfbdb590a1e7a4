package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// k8sJob is the part of deploy/k8s/sweep-job.yaml that decides what runs.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				Containers []struct {
					Command   []string `yaml:"command"`
					Args      []string `yaml:"args"`
					Env       []struct{ Name, Value string }
					Resources struct {
						Requests map[string]string `yaml:"requests"`
					} `yaml:"resources"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name      string    `yaml:"name"`
					ConfigMap *struct{} `yaml:"configMap"`
					PVC       *struct{} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// sbatchSweep returns the flags that deploy/slurm/sweep.sbatch passes to
// "grassroots sweep" and the CPUs it asks for each task.
func sbatchSweep(t *testing.T) (flags []string, cpus string) {
	t.Helper()
	data, err := os.ReadFile("../../deploy/slurm/sweep.sbatch")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	m := regexp.MustCompile(`(?m)^#SBATCH --cpus-per-task=(\d+)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("sweep.sbatch: no #SBATCH --cpus-per-task")
	}
	cmd := regexp.MustCompile(`(?m)^exec "\$\{GRASSROOTS:-grassroots\}" sweep (?:.*\\\n)*.*$`).FindString(text)
	if cmd == "" {
		t.Fatal(`sweep.sbatch: no line exec "${GRASSROOTS:-grassroots}" sweep`)
	}
	for _, f := range strings.Fields(cmd) {
		if strings.HasPrefix(f, "--") {
			flags = append(flags, f)
		}
	}
	return flags, m[1]
}

// The Kubernetes Job cannot run here: there is no cluster, and kubectl's
// --dry-run=client also needs an API server. So this test reads the Job,
// checks that its pods run the sweep as sweep.sbatch's tasks do, then runs
// every pod's command as a process with the variables Kubernetes sets and
// the volumes mapped to directories, merges the shards and compares them
// with a one-machine sweep.
func TestKubernetesJobRunsTheSweep(t *testing.T) {
	data, err := os.ReadFile("../../deploy/k8s/sweep-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var job k8sJob
	if err := yaml.Unmarshal(data, &job); err != nil {
		t.Fatalf("sweep-job.yaml: %v", err)
	}
	spec := job.Spec.Template.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || len(spec.Containers) != 1 {
		t.Fatalf("sweep-job.yaml: want an Indexed batch/v1 Job of one container, got %s %s %q with %d containers",
			job.APIVersion, job.Kind, job.Spec.CompletionMode, len(spec.Containers))
	}
	c := spec.Containers[0]
	n := job.Spec.Completions
	shardsVar := slices.IndexFunc(c.Env, func(e struct{ Name, Value string }) bool { return e.Name == "GRASSROOTS_SHARDS" })
	if n < 1 || shardsVar < 0 || c.Env[shardsVar].Value != strconv.Itoa(n) {
		t.Fatalf("GRASSROOTS_SHARDS must equal completions (%d): env %v", n, c.Env)
	}
	if job.Spec.Parallelism < 1 || job.Spec.Parallelism > n {
		t.Errorf("parallelism %d: want 1 to completions (%d)", job.Spec.Parallelism, n)
	}
	if !slices.Equal(c.Command, []string{"grassroots"}) || len(c.Args) < 2 || c.Args[0] != "sweep" {
		t.Fatalf("the container runs %q %q, want grassroots sweep SWEEP ...", c.Command, c.Args)
	}

	// The same command as each Slurm task: the same flags, and as many
	// workers as the pod requests CPUs.
	var flags []string
	workers := ""
	for i, a := range c.Args {
		if strings.HasPrefix(a, "--") {
			flags = append(flags, a)
			if a == "--workers" && i+1 < len(c.Args) {
				workers = c.Args[i+1]
			}
		}
	}
	sbatchFlags, cpus := sbatchSweep(t)
	if !slices.Equal(flags, sbatchFlags) {
		t.Errorf("the Job's sweep flags %q differ from sweep.sbatch's %q", flags, sbatchFlags)
	}
	if workers != c.Resources.Requests["cpu"] || workers != cpus {
		t.Errorf("--workers %q, cpu request %q and sweep.sbatch's --cpus-per-task=%s differ", workers, c.Resources.Requests["cpu"], cpus)
	}

	if testing.Short() {
		return // ten pods' processes: about 4 s, 50 s under -race
	}

	// The sweep file comes from the ConfigMap made from sweeps/, the results
	// go to the shared volume: map both onto directories here.
	abs, err := filepath.Abs("../../sweeps")
	if err != nil {
		t.Fatal(err)
	}
	results := t.TempDir()
	mounts := map[string]string{}
	for _, v := range spec.Volumes {
		for _, m := range c.VolumeMounts {
			switch {
			case m.Name != v.Name:
			case v.ConfigMap != nil:
				mounts[m.MountPath] = abs
			case v.PVC != nil:
				mounts[m.MountPath] = results
			}
		}
	}
	if len(mounts) != 2 {
		t.Fatalf("want a ConfigMap and a PersistentVolumeClaim mounted, got %v", mounts)
	}
	args := slices.Clone(c.Args)
	for i, a := range args {
		for mount, dir := range mounts {
			if rest, ok := strings.CutPrefix(a, mount+"/"); ok {
				args[i] = filepath.Join(dir, rest)
			}
		}
	}
	out := args[slices.Index(args, "--out")+1]
	if !strings.HasPrefix(out, results) {
		t.Fatalf("--out %s is not on the shared volume", c.Args[slices.Index(c.Args, "--out")+1])
	}
	// A smaller sweep than the Job's, through the extra flags a user would add.
	args = append(args, append(slices.Clone(small), "--samples", "6")...)

	for idx := range n {
		cmd, stderr := helper(t, []string{"JOB_COMPLETION_INDEX=" + strconv.Itoa(idx), "GRASSROOTS_SHARDS=" + strconv.Itoa(n)}, args...)
		if err := cmd.Run(); err != nil {
			t.Fatalf("pod %d: grassroots %s: %v\n%s", idx, strings.Join(args, " "), err, stderr)
		}
	}
	merged := filepath.Join(t.TempDir(), "merged")
	if _, stderr, err := runCLI(t, "merge", out, "--out", merged, "--quiet"); err != nil {
		t.Fatalf("merge: %v\n%s", err, stderr)
	}
	want := t.TempDir()
	single := slices.Clone(args)
	single[slices.Index(single, "--out")+1] = want
	if _, stderr, err := runCLI(t, append(single, "--shard", "1/1")...); err != nil {
		t.Fatalf("one-machine sweep: %v\n%s", err, stderr)
	}
	sameFiles(t, want, merged, []string{"points.csv", "runs.csv", "manifest.json", "sensitivity.csv"})
}
