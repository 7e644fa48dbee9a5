//! Prism on loopback: installed by `.ci/prism.sh` (pinned, into `target/prism`), started
//! as `prism mock` for one spec or as `prism proxy --errors` in front of a server of it,
//! stopped (by its process id) when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The `prism` executable, installed by `.ci/prism.sh`; see [`installed_by`](crate::tools::installed_by).
pub fn installed() -> Option<PathBuf> {
    crate::tools::installed_by("prism.sh", "Prism")
}

/// A running `prism mock` or `prism proxy`.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
}

/// How long Prism may take to read a spec and listen: the large specs take seconds on a
/// busy machine. A wait for readiness, not a measurement.
const START_LIMIT: Duration = Duration::from_secs(180);

impl Prism {
    /// Starts `prism mock` for `spec` on a free loopback port, with `--seed seed` for
    /// the responses it makes up in dynamic mode; returns when it listens.
    pub fn mock(prism: &Path, spec: &Path, seed: u32) -> Result<Prism, String> {
        let seed = seed.to_string();
        Prism::start(prism, "mock", &["--seed", &seed, &spec.to_string_lossy()])
    }

    /// Starts `prism proxy --errors` for `spec` in front of `upstream` on a free loopback
    /// port: every request and every answer of `upstream` is validated against the spec,
    /// and a violation is answered as an error with the `sl-violations` header.
    pub fn proxy(prism: &Path, spec: &Path, upstream: &str) -> Result<Prism, String> {
        Prism::start(
            prism,
            "proxy",
            &["--errors", &spec.to_string_lossy(), upstream],
        )
    }

    fn start(prism: &Path, command: &str, args: &[&str]) -> Result<Prism, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|error| format!("no free port: {error}"))?
            .port();
        let mut child = Command::new(prism)
            .args([command, "--host", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("prism did not start: {error}"))?;
        let stdout = child.stdout.take().ok_or("prism has no stdout")?;
        let stderr = child.stderr.take().ok_or("prism has no stderr")?;
        let (ready, listening) = mpsc::channel();
        // Prism logs every request: the readers keep draining both pipes so that it
        // never blocks on a full one.
        std::thread::spawn(move || {
            let mut told = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !told && line.contains("Prism is listening") {
                    told = ready.send(Ok(())).is_ok();
                }
                if !told && line.contains("fatal") {
                    told = ready.send(Err(line)).is_ok();
                }
            }
        });
        let (errors, last_error) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = errors.send(line);
            }
        });
        let mut prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        match listening.recv_timeout(START_LIMIT) {
            Ok(Ok(())) => Ok(prism),
            Ok(Err(line)) => Err(format!("prism refused the spec: {line}")),
            Err(_) => {
                let _ = prism.child.kill();
                let said: Vec<String> = last_error.try_iter().collect();
                Err(format!(
                    "prism did not listen on {}: {}",
                    prism.url,
                    said.join("\n")
                ))
            }
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
