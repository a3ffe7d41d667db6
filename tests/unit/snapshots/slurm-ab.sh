#!/bin/sh
#SBATCH --job-name=benchctl-ab
#SBATCH --nodes=1
#SBATCH --exclusive
#SBATCH --chdir=/srv/bench
#SBATCH --output=%x-%j.out
#SBATCH --nodelist=bench-07
exec '/usr/bin/benchctl' 'ab' 'suite.yaml' '--a' '41' '--b' 'latest'
