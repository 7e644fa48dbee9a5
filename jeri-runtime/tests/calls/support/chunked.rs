//! A raw HTTP/1.1 server on 127.0.0.1 that answers with a chunked body written step by
//! step as the test says, and tells the test when the client hung up: for streams,
//! whose tests need to know what was sent when, and whether the connection closed.

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::sync::mpsc;

/// What the server does next on the current connection.
pub enum Step {
    /// Writes these bytes as one chunk, and flushes.
    Chunk(Vec<u8>),
    /// Ends the body properly (the last, empty chunk).
    End,
    /// Drops the connection in the middle of the body.
    Break,
}

/// The test's side of a [`chunked_server`].
pub struct Script {
    /// The base URL.
    pub url: String,
    /// Steps for the server, applied in order to the connection open at the time.
    pub steps: mpsc::UnboundedSender<Step>,
    /// The head of each request, in arrival order (lower-cased).
    pub requests: mpsc::UnboundedReceiver<String>,
    /// One message each time a client closed a connection while its body was open.
    pub hung_up: mpsc::UnboundedReceiver<()>,
}

impl Script {
    /// Sends one chunk.
    pub fn send(&self, bytes: &[u8]) {
        self.steps
            .send(Step::Chunk(bytes.to_vec()))
            .expect("server running");
    }
}

/// Starts a server answering each request (one at a time) with `200`, the
/// `content_type`, and a chunked body written as [`Script::steps`] say.
pub async fn chunked_server(content_type: &'static str) -> Script {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let (steps, mut step_rx) = mpsc::unbounded_channel();
    let (request_tx, requests) = mpsc::unbounded_channel();
    let (hung_up_tx, hung_up) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut read = Vec::new();
            let mut buffer = [0u8; 4096];
            let head = loop {
                let Ok(n @ 1..) = socket.read(&mut buffer).await else {
                    break None;
                };
                read.extend_from_slice(&buffer[..n]);
                if let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(String::from_utf8_lossy(&read[..end]).to_ascii_lowercase());
                }
            };
            let Some(head) = head else { continue };
            let _ = request_tx.send(head);
            let start = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\n\
                 transfer-encoding: chunked\r\n\r\n"
            );
            if socket.write_all(start.as_bytes()).await.is_err() {
                continue;
            }
            loop {
                tokio::select! {
                    step = step_rx.recv() => match step {
                        Some(Step::Chunk(bytes)) => {
                            let mut chunk = format!("{:x}\r\n", bytes.len()).into_bytes();
                            chunk.extend_from_slice(&bytes);
                            chunk.extend_from_slice(b"\r\n");
                            if socket.write_all(&chunk).await.is_err()
                                || socket.flush().await.is_err()
                            {
                                let _ = hung_up_tx.send(());
                                break;
                            }
                        }
                        Some(Step::End) => {
                            let _ = socket.write_all(b"0\r\n\r\n").await;
                            let _ = socket.flush().await;
                            // Waits for the client to close or send again.
                            let _ = socket.read(&mut buffer).await;
                            break;
                        }
                        Some(Step::Break) | None => break,
                    },
                    // A client sends nothing more while the body is open: a read
                    // ending is the client closing the connection.
                    read = socket.read(&mut buffer) => {
                        if matches!(read, Ok(0) | Err(_)) {
                            let _ = hung_up_tx.send(());
                            break;
                        }
                    }
                }
            }
        }
    });
    Script {
        url,
        steps,
        requests,
        hung_up,
    }
}
