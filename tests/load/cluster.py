"""A private PostgreSQL server for the fault drills: `initdb` into a temporary directory, run as
the `postgres` OS user on a free loopback port. The drills stop and restart *this* server; the
machine's shared one (which other people's tests use) is never touched.

`SMAJOB_DRILL_PG_BIN` names the directory with initdb and pg_ctl (default: the newest
/usr/lib/postgresql/*/bin)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.load.run import _free_port

SETTINGS = {"listen_addresses": "'127.0.0.1'", "max_connections": "100",
            "shared_buffers": "128MB", "fsync": "off",  # a throwaway: no need to wait for disk
            "log_min_messages": "warning", "log_line_prefix": "'%m [%p] '"}


def _bin_dir() -> Path:
    if os.environ.get("SMAJOB_DRILL_PG_BIN"):
        return Path(os.environ["SMAJOB_DRILL_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                   key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin; "
                           "set SMAJOB_DRILL_PG_BIN")
    return Path(found[-1])


class Cluster:
    """One private server: `create()`, then `start`, `stop`, `restart`, and always `destroy`."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="smajob-drill-pg-"))
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0  # the server refuses to run as root: use `postgres`
        if self.as_root:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.root.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, cwd="/",
                              timeout=120)

    def create(self) -> Cluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        lines = [f"{key} = {value}" for key, value in
                 {**SETTINGS, "port": str(self.port),
                  "unix_socket_directories": f"'{self.root}'"}.items()]
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# smajob fault drill\n" + "\n".join(lines) + "\n")
        self.start()
        return self

    def _ctl(self, action: str, *extra: str) -> float:
        """Run `pg_ctl action` and wait for it; the seconds it took."""
        started = time.perf_counter()
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  *extra, action)
        return time.perf_counter() - started

    def start(self) -> float:
        return self._ctl("start")

    def stop(self, mode: str = "fast") -> float:
        return self._ctl("stop", "-m", mode)

    def restart(self, mode: str = "fast") -> float:
        return self._ctl("restart", "-m", mode)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def destroy(self) -> None:
        """Stop the server (immediately) and remove its directory; safe to call twice."""
        if self.data.exists() and self.running():
            self._run("pg_ctl", "-D", str(self.data), "-w", "stop", "-m", "immediate",
                      check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
