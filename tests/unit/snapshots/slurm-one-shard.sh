#!/bin/sh
#SBATCH --job-name=benchctl-nightly
#SBATCH --array=3
#SBATCH --nodes=1
#SBATCH --exclusive
#SBATCH --chdir=/srv/bench
#SBATCH --output=%x-%A_%a.out
#SBATCH --partition=bench
#SBATCH --constraint=c6i
exec '/usr/bin/benchctl' 'run' '/srv/bench/suites/nightly.yaml' '--shard' '3/4' '--group' 'nightly-20261205T020000Z' '--db' 'postgresql://bench@db/benchctl' '--label' 'it'\''s nightly'
