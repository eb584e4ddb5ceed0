"""A real IMAP server for the mailbox reader's tests: pymap on 127.0.0.1, in its own process.

pymap's in-memory backend holds one account; it speaks STARTTLS with a
certificate made for the test (openssl), and :func:`implicit_tls_proxy`
puts a TLS listener in front of it for port-993-style connections. Messages
are put in with APPEND by a real IMAP client, and what the server holds is
read back the same way: nothing here stands in for imaplib.
"""

from __future__ import annotations

import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "recruiter", "s3cret-pass"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl, else the cryptography package)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    if shutil.which("openssl"):
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                str(key),
                "-out",
                str(cert),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )
        return cert, key
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


@dataclass
class Server:
    host: str
    port: int
    cert: Path
    process: subprocess.Popen

    def context(self) -> ssl.SSLContext:
        """A client context that trusts this server's certificate (and only it)."""
        return ssl.create_default_context(cafile=str(self.cert))

    @contextmanager
    def client(self):
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.starttls(ssl_context=self.context())
        client.login(USER, PASSWORD)
        try:
            yield client
        finally:
            client.logout()

    def append(self, folder: str, message: bytes, when: float | None = None) -> None:
        with self.client() as client:
            client.create(folder)  # "already exists" is fine
            status, data = client.append(
                folder, None, imaplib.Time2Internaldate(when or time.time()), message
            )
            assert status == "OK", data

    def state(self, folder: str) -> dict[int, tuple[bytes, bytes]]:
        """UID -> (flags, full message) of every message, read without changing anything."""
        with self.client() as client:
            client.select(folder, readonly=True)
            _, data = client.uid("SEARCH", "ALL")
            out = {}
            for uid in (data[0] or b"").split():
                _, fetched = client.uid("FETCH", uid.decode(), "(FLAGS BODY.PEEK[])")
                meta, body = fetched[0]
                out[int(uid)] = (meta.split(b"FLAGS (")[1].split(b")")[0], body)
            return out


@contextmanager
def imap_server(folder: Path):
    """pymap with STARTTLS on a free loopback port; stopped (and checked gone) at the end."""
    cert, key = make_certificate(folder)
    port = free_port()
    exe = Path(sys.executable).with_name("pymap")
    command = [
        str(exe),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--cert",
        str(cert),
        "--key",
        str(key),
        "dict",
        "--demo-user",
        USER,
        "--demo-password",
        PASSWORD,
    ]
    log = (folder / "pymap.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "pymap did not start: " + (folder / "pymap.log").read_text(errors="replace")
                )
            time.sleep(0.1)
        yield Server("127.0.0.1", port, cert, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@contextmanager
def implicit_tls_proxy(server: Server):
    """A TLS listener on another loopback port that relays to the server's plain IMAP port
    (as an IMAPS port 993 would serve); the relay starts with the server's greeting."""
    port = free_port()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(server.cert), str(server.cert.with_name("key.pem")))
    listener = socket.create_server(("127.0.0.1", port))
    listener.settimeout(0.2)
    stop = threading.Event()

    def pump(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def serve():
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                secure = context.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError):
                raw.close()
                continue
            upstream = socket.create_connection((server.host, server.port), timeout=10)
            for a, b in ((secure, upstream), (upstream, secure)):
                threading.Thread(target=pump, args=(a, b), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)
