#!/usr/bin/env bash
# A throwaway one-node Slurm cluster for the tests: munged, slurmctld and slurmd from Debian's
# munge and slurm-wlm, as root, with their configuration, key, state, sockets and logs in DIR, on
# free ports. This machine is its one node (feature `bench`), in the partition `bench`, which
# hands out whole nodes only.
#   ci/slurm-cluster.sh start DIR   # writes DIR/slurm.conf: point SLURM_CONF at it
#   ci/slurm-cluster.sh stop DIR    # stops the daemons and removes DIR
# `start` stops a cluster an earlier start left in DIR first.
set -euo pipefail
action=${1:?usage: slurm-cluster.sh start|stop DIR}
dir=${2:?usage: slurm-cluster.sh start|stop DIR}
for daemon in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd; do
  [[ -x $daemon ]] || { echo "slurm-cluster: no $daemon (ci/install-deps.sh installs slurm-wlm and munge)" >&2; exit 1; }
done
[[ $(id -u) -eq 0 ]] || { echo "slurm-cluster: slurmd runs jobs as their users and needs root" >&2; exit 1; }

stop_pid_file() {
  local file=$1
  [[ -f $file ]] || return 0
  local pid
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  # Jobs first (their processes are the node's), then the daemons.
  if [[ -f $dir/slurm.conf ]]; then
    SLURM_CONF=$dir/slurm.conf timeout 10 scancel --full --user root 2>/dev/null || true
  fi
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  stop_pid_file "$dir/munge/munged.pid"
  rm -rf "$dir"
}

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! ss -Htan "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "slurm-cluster: no free port" >&2
  exit 1
}

start() {
  stop
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  chmod 755 "$dir"
  chmod 711 "$dir/munge"
  dd if=/dev/urandom of="$dir/munge/key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/key"
  /usr/sbin/munged --force --socket="$dir/munge/socket" --key-file="$dir/munge/key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/seed" 2>/dev/null
  local host node
  host=$(hostname -s)
  node=$(/usr/sbin/slurmd -C | head -n 1 | sed 's/ UpTime=.*//')
  cat >"$dir/slurm.conf" <<CONF
ClusterName=benchctl-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$dir/munge/socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/linear
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
KillWait=10
$node NodeAddr=127.0.0.1 Feature=bench State=UNKNOWN
PartitionName=bench Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=EXCLUSIVE
CONF
  /usr/sbin/slurmctld -c -f "$dir/slurm.conf"
  /usr/sbin/slurmd -f "$dir/slurm.conf"
  # Up when the node is idle.
  for _ in $(seq 150); do
    if SLURM_CONF=$dir/slurm.conf sinfo -h -o %t 2>/dev/null | grep -qx idle; then
      return 0
    fi
    sleep 0.2
  done
  echo "slurm-cluster: the node did not come up:" >&2
  tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
  exit 1
}

case $action in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: slurm-cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
