//! A loopback server that answers every request with bytes chosen by the
//! test, whether or not they make a well-formed HTTP response.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The largest request the server reads; requests are small and this
/// keeps a confused client from filling memory.
const MAX_REQUEST_BYTES: usize = 1024 * 1024;

struct Shared {
    answer: Mutex<Arc<Vec<u8>>>,
    requests: AtomicUsize,
}

/// A running raw server on 127.0.0.1. Each connection gets one answer,
/// then the server closes it, so a response without a length ends where
/// the connection does.
pub struct RawServer {
    url: String,
    shared: Arc<Shared>,
}

impl fmt::Debug for RawServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawServer").field("url", &self.url).finish()
    }
}

impl RawServer {
    /// Starts a server that answers with an empty `200 OK` until
    /// [`set_answer`](Self::set_answer) is called.
    pub async fn start() -> RawServer {
        let shared = Arc::new(Shared {
            answer: Mutex::new(Arc::new(
                b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec(),
            )),
            requests: AtomicUsize::new(0),
        });
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("local address");
        let accepting = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, accepting.clone()));
            }
        });
        RawServer {
            url: format!("http://{address}"),
            shared,
        }
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bytes written in answer to every following request.
    pub fn set_answer(&self, bytes: Vec<u8>) {
        *lock(&self.shared.answer) = Arc::new(bytes);
    }

    /// How many complete requests arrived.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    if read_request(&mut stream).await.is_none() {
        return;
    }
    shared.requests.fetch_add(1, Ordering::SeqCst);
    let answer = lock(&shared.answer).clone();
    // The client may hang up early (it stops reading an over-long body);
    // that is its right, so write errors end the connection quietly.
    if stream.write_all(&answer).await.is_ok() {
        let _ = stream.shutdown().await;
    }
}

/// Reads one request head and its `content-length` body; `None` when the
/// client closed the connection first.
async fn read_request(stream: &mut TcpStream) -> Option<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > MAX_REQUEST_BYTES {
            return None;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_REQUEST_BYTES);
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    Some(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
