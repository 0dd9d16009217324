# Peak resident memory of a command: runs its arguments as a child process (stdin, stdout
# and stderr inherited), waits for it, and prints `maxrss_per_rank_mib: X` on stderr, X
# being the child's peak resident set size in MiB (ru_maxrss of RUSAGE_CHILDREN, the
# largest among the waited-for descendants). Exits with the child's status.
#
# Under mpirun every rank is one wrapper with its rank as the child (the child inherits the
# MPI environment), so bench/mpi_weak.sh takes the largest of the ranks' lines:
#
#   mpirun -np P python3 bench/maxrss.py BIN/dense_jacobi --n N --iters I
import os
import resource
import signal
import subprocess
import sys

if len(sys.argv) < 2:
    sys.exit("usage: python3 bench/maxrss.py COMMAND [ARGS...]")
try:
    child = subprocess.Popen(sys.argv[1:])
except OSError as error:
    sys.exit(f"maxrss.py: cannot run {sys.argv[1]}: {error}")
# mpirun (or timeout) stopping this rank stops the child too, not leaving it orphaned.
for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(signum, lambda signum, frame: child.send_signal(signum))
code = child.wait()
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
# One write of the whole line: print() writes the text and the newline separately, and
# under mpirun the ranks' lines would interleave.
sys.stderr.flush()
os.write(2, f"maxrss_per_rank_mib: {kib / 1024.0:.1f}\n".encode())
# A child killed by a signal: exit as the shell would (128 + signal).
sys.exit(code if code >= 0 else 128 - code)
