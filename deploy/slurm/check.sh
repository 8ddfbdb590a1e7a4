#!/usr/bin/env bash
# Run deploy/slurm/sweep.sbatch on a real single-node Slurm and check that
# the merged shards are byte for byte what one machine writes.
#
#   sudo bash deploy/slurm/check.sh
#
# As root on Debian 12 it installs slurm-wlm and munge if they are missing,
# then starts munged, slurmctld and slurmd on this host with their key,
# socket, configuration, state and logs in a temporary directory (the
# script writes nothing in /etc and starts no system service), submits a
# 3-task array of a small sweep with the README's two sbatch lines (the
# array, then the merge with --dependency=afterok), requeues task 1 after
# its first saved run (Slurm sends SIGTERM; the second attempt must
# resume), waits for all, runs the same sweep with "grassroots sweep" and
# compares every file with cmp (timing.json apart). On exit, whatever the outcome, it cancels its jobs, stops the daemons it
# started (by pid) and removes the temporary directory. It gives up after
# CHECK_TIMEOUT seconds (default 600) and exits 1 on any failure;
# CHECK_KEEP=1 keeps the temporary directory (logs, outputs) to look at.
set -euo pipefail

if [[ -z ${GRASSROOTS_SLURM_CHECK_TIMED:-} ]]; then
	export GRASSROOTS_SLURM_CHECK_TIMED=1
	exec timeout --kill-after=60 "${CHECK_TIMEOUT:-600}" bash "$0" "$@"
fi

say() { printf 'slurm check: %s\n' "$*" >&2; }
fail() {
	say "FAIL: $*"
	exit 1
}
if [[ $EUID -ne 0 ]]; then
	say "must run as root (sudo bash $0): it installs packages and starts slurmctld, slurmd and munged"
	exit 2
fi

repo=$(cd "$(dirname "$0")/../.." && pwd)
start=$SECONDS
policy_made=

tmp=
pids=()
jobs_submitted=()
cleanup() {
	local rc=$? f i p
	trap - EXIT INT TERM
	[[ -n $policy_made ]] && rm -f /usr/sbin/policy-rc.d
	if ((${#jobs_submitted[@]})); then
		scancel "${jobs_submitted[@]}" 2>/dev/null || true
		for ((i = 0; i < 20; i++)); do
			[[ -z $(squeue -h -o %i 2>/dev/null) ]] && break
			sleep 1
		done
	fi
	if ((rc != 0)) && [[ -n $tmp ]]; then
		for f in "$tmp"/log/*.log "$tmp"/work/*.out; do
			[[ -f $f ]] || continue
			say "--- last lines of $f"
			tail -n 20 "$f" >&2
		done
	fi
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${pids[@]}"; do
		for ((i = 0; i < 100; i++)); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [[ -n ${CHECK_KEEP:-} && -n $tmp ]]; then
		say "kept $tmp"
	elif [[ -n $tmp ]]; then
		rm -rf "$tmp"
	fi
	if ((rc == 0)); then
		say "passed in $((SECONDS - start))s"
	else
		say "failed (exit $rc) after $((SECONDS - start))s"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'say "stopped by SIGTERM (the time limit is ${CHECK_TIMEOUT:-600}s)"; exit 143' TERM

# --- install ------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
missing() {
	local c
	for c in munged slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
		command -v "$c" >/dev/null || return 0
	done
	return 1
}
if missing; then
	say "installing slurm-wlm and munge"
	# Keep the packages from starting their own services: this script
	# starts the daemons it needs and stops them again.
	if [[ ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		policy_made=1
	fi
	apt-get update -qq </dev/null
	apt-get install -y -qq --no-install-recommends slurm-wlm munge </dev/null >/dev/null
	if [[ -n $policy_made ]]; then
		rm -f /usr/sbin/policy-rc.d
		policy_made=
	fi
	missing && fail "slurm-wlm and munge installed, but a Slurm or munge command is still missing"
	say "installed in $((SECONDS - start))s"
fi

# wait_for SECONDS WHAT COMMAND...: poll COMMAND every second until it
# succeeds, or fail naming WHAT.
wait_for() {
	local limit=$1 what=$2 t
	shift 2
	for ((t = 0; t < limit; t++)); do
		"$@" && return 0
		sleep 1
	done
	fail "$what: not after ${limit}s"
}

# --- a private Slurm ----------------------------------------------------
tmp=$(mktemp -d /tmp/grassroots-slurm-check.XXXXXX)
chmod 755 "$tmp"
mkdir -p "$tmp"/{log,state,spool,run,bin,work}
node=$(hostname -s)
mem_mb=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 9 / 10))
# Ports other than Slurm's defaults, so that a Slurm already running here
# is left alone.
ctld_port=${CHECK_SLURMCTLD_PORT:-16817}
slurmd_port=${CHECK_SLURMD_PORT:-16818}

dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
munge_socket=$tmp/run/munge.socket

export SLURM_CONF=$tmp/slurm.conf
# No cgroup plugin anywhere: containers often cannot delegate cgroups.
cat >"$SLURM_CONF" <<EOF
ClusterName=grassroots-check
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=$mem_mb State=UNKNOWN
PartitionName=check Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

# Each daemon in a session of its own (setsid), so that timeout's SIGTERM
# reaches only this script, which then cancels its jobs before it stops
# the daemons: with slurmd gone first, a running job would be orphaned.
setsid munged --foreground --force --key-file="$tmp/munge.key" --socket="$munge_socket" \
	--pid-file="$tmp/run/munged.pid" --seed-file="$tmp/run/munge.seed" \
	--log-file="$tmp/log/munged.log" >>"$tmp/log/munged.out" 2>&1 </dev/null &
pids+=($!)
wait_for 20 "munged answering on $munge_socket" \
	bash -c 'munge -S "$1" -n </dev/null | unmunge -S "$1" >/dev/null 2>&1' _ "$munge_socket"

setsid slurmctld -D -c -f "$SLURM_CONF" >>"$tmp/log/slurmctld.out" 2>&1 </dev/null &
pids+=($!)
setsid slurmd -D -N "$node" -f "$SLURM_CONF" >>"$tmp/log/slurmd.out" 2>&1 </dev/null &
pids+=($!)
node_idle() { [[ $(sinfo -h -n "$node" -o %t 2>/dev/null) == idle ]]; }
wait_for 60 "node $node idle in sinfo" node_idle
say "slurmctld and slurmd up on $node (Slurm $(sinfo -V | awk '{print $2}')) after $((SECONDS - start))s"

# --- the sweep under Slurm ----------------------------------------------
gobin=$(command -v go || echo /usr/local/go/bin/go)
(cd "$repo" && "$gobin" build -o "$tmp/bin/grassroots" ./cmd/grassroots)
export PATH=$tmp/bin:$PATH # sweep.sbatch and the merge find grassroots on the PATH

sweep_file=$repo/sweeps/org-funding-vs-bureaucracy.toml
small=(--samples 6 --reps 6 --timeseries) # 36 runs: 12 per shard
out=$tmp/work/org-sweep
cd "$tmp/work"
# An array from 1, not 0: the shard is TASK_ID - TASK_MIN.
jid=$(sbatch --parsable --array=1-3 "$repo/deploy/slurm/sweep.sbatch" "$sweep_file" "$out" "${small[@]}")
jobs_submitted+=("$jid")
mid=$(sbatch --parsable --dependency=afterok:"$jid" --output=merge-%j.out \
	--wrap "grassroots merge $out --out $out/merged")
jobs_submitted+=("$mid")
say "submitted array job $jid (tasks 1-3) and merge job $mid"

# Requeue task 1 once it has saved a run, as preemption or a failed node
# would: Slurm kills it and starts it again, and --resume makes the second
# attempt compute only the runs the first did not save.
journal=$out/shard-1-of-3/journal.jsonl
deadline=$((SECONDS + 120))
until [[ -f $journal ]] && (($(wc -l <"$journal") >= 2)); do
	((SECONDS < deadline)) || fail "array task 1 saved no run in 120s"
	sleep 0.05
done
scontrol requeue "${jid}_1"
# Slurm holds a requeued job back for a while (BeginTime): let it go now.
task1_pending() { scontrol -o show job "${jid}_1" | grep -q 'JobState=PENDING'; }
wait_for 30 "task ${jid}_1 pending again after requeue" task1_pending
scontrol update JobId="${jid}_1" StartTime=now
say "requeued task ${jid}_1 after its first saved run"

queue_empty() { [[ -z $(squeue -h -o %i) ]]; }
wait_for 300 "jobs $jid and $mid finished" queue_empty

# Without accounting, scontrol still knows finished jobs for MinJobAge.
for j in "$jid"_1 "$jid"_2 "$jid"_3 "$mid"; do
	state=$(scontrol -o show job "$j" | grep -o 'JobState=[A-Z_]* .*ExitCode=[0-9:]*' | awk '{print $1, $NF}')
	say "job $j: $state"
	[[ $state == "JobState=COMPLETED ExitCode=0:0" ]] || fail "job $j ended $state"
done
for t in 1 2 3; do
	k=$t # task t of 1-3 is shard (t - 1) + 1 of 3
	f=grassroots-sweep-${jid}_$t.out
	[[ -f $f ]] || fail "no output $f from array task $t"
	grep -q "shard $k/3 (from SLURM_ARRAY_TASK_ID" "$f" ||
		fail "array task $t did not run shard $k/3 from Slurm's variables: $(cat "$f")"
	[[ -d $out/shard-$k-of-3 ]] || fail "no $out/shard-$k-of-3"
done
# The requeued task's output holds both attempts (--open-mode=append).
f=grassroots-sweep-${jid}_1.out
(($(grep -c '^sweep ' "$f") == 2)) && grep -q '^grassroots: sweep interrupted: [1-9][0-9]* of 12 runs saved' "$f" &&
	grep -q '^resuming: [1-9][0-9]* of 12 runs already saved' "$f" ||
	fail "requeued task 1 did not save its runs on SIGTERM and resume from them: $(cat "$f")"
say "requeued task 1: $(grep '^resuming' "$f")"
[[ -d $out/merged ]] || fail "the merge job wrote no $out/merged: $(cat merge-"$mid".out)"

# --- the same sweep on one machine, and the comparison --------------------
grassroots sweep "$sweep_file" "${small[@]}" --workers 2 --out "$tmp/work/single" --quiet >/dev/null
compared=0
while IFS= read -r name; do
	[[ -f $out/merged/$name ]] || fail "merged lacks $name"
	cmp "$tmp/work/single/$name" "$out/merged/$name" || fail "merged $name differs from one machine's"
	compared=$((compared + 1))
done < <(cd "$tmp/work/single" && find . -maxdepth 1 -type f ! -name timing.json ! -name '.*' -printf '%P\n' | sort)
extra=$(comm -13 <(cd "$tmp/work/single" && ls) <(cd "$out/merged" && ls))
[[ -z $extra ]] || fail "merged has files one machine does not write: $extra"
((compared >= 5)) || fail "compared only $compared files"
say "merged shards equal one machine's sweep, byte for byte: $(cd "$tmp/work/single" && ls | grep -v '^timing.json$' | tr '\n' ' ')"
