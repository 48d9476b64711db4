"""Download the four official MNIST IDX files for Critic Lab (optional; needs network).

Usage: ``critic-lab --download-mnist [--dest FOLDER]`` (or ``python main.py --download-mnist``,
or ``python scripts/download_mnist.py``). Plain Python only: no torch, no Qt.

Files are checked against their known sizes and MD5 sums and land in the app data
folder by default (``$XDG_DATA_HOME/critic-lab/mnist``), where the app finds them.
Without them the app uses the 5,000 digits that ship inside the package.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)
# name -> (md5, size in bytes) of the official gzip files.
FILES = {
    "train-images-idx3-ubyte.gz": ("f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422),
    "train-labels-idx1-ubyte.gz": ("d53e105ee54ea40749a09fcbcd1e9432", 28881),
    "t10k-images-idx3-ubyte.gz": ("9fb629c4189551a2d022fa330f9573f3", 1648877),
    "t10k-labels-idx1-ubyte.gz": ("ec29112dd5afa0611ce80d1b7f02629c", 4542),
}
_CHUNK = 1 << 16


def md5_of(path: str | os.PathLike) -> str:
    """Hex MD5 of a file, read in chunks."""
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def check_file(path: str | os.PathLike, md5: str, size: int) -> str | None:
    """None if ``path`` has the expected size and MD5, else a one-line reason."""
    path = Path(path)
    if not path.is_file():
        return f"{path}: missing"
    actual = path.stat().st_size
    if actual != size:
        return f"{path}: {actual} bytes, expected {size}"
    got = md5_of(path)
    if got != md5:
        return f"{path}: MD5 {got}, expected {md5}"
    return None


def fetch(url: str, dest: Path, timeout: float = 60.0) -> None:
    """Stream ``url`` into ``dest`` (urllib only)."""
    request = urllib.request.Request(url, headers={"User-Agent": "critic-lab"})
    with urllib.request.urlopen(request, timeout=timeout) as response, open(dest, "wb") as out:
        for block in iter(lambda: response.read(_CHUNK), b""):
            out.write(block)


def download_all(dest: Path, mirrors: tuple[str, ...] = MIRRORS) -> list[str]:
    """Fetch each missing or bad file from the first mirror that serves a valid copy.

    Returns one-line errors for the files that no mirror delivered.
    """
    dest.mkdir(parents=True, exist_ok=True)
    errors = []
    for name, (md5, size) in FILES.items():
        target = dest / name
        if check_file(target, md5, size) is None:
            print(f"ok       {target} (already there)")
            continue
        reasons = []
        for mirror in mirrors:
            part = target.with_name(name + ".part")  # never leave a half file under the real name
            try:
                fetch(mirror + name, part)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                reasons.append(f"{mirror}: {getattr(exc, 'reason', exc)}")
                part.unlink(missing_ok=True)
                continue
            bad = check_file(part, md5, size)
            if bad is None:
                os.replace(part, target)
                print(f"fetched  {target} from {mirror}")
                break
            reasons.append(f"{mirror}: {bad}")
            part.unlink(missing_ok=True)
        else:
            errors.append(f"{name}: no mirror gave a valid copy ({'; '.join(reasons)})")
    return errors


def _default_dest() -> Path:
    # Same rule as engine.mnist_data.default_data_dir, without importing torch for a download.
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "critic-lab" / "mnist"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="critic-lab --download-mnist",
                                     description="Download MNIST for Critic Lab.")
    parser.add_argument("--dest", "--mnist-dir", type=Path, default=_default_dest(),
                        help="folder for the IDX .gz files (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        errors = download_all(args.dest)
    except OSError as exc:
        print(f"error: cannot write to {args.dest}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    if not errors:
        print(f"MNIST is ready in {args.dest}")
    return 1 if errors else 0
