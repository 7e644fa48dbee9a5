//! Delivering events to the webhook URL: in order, signed, retried, recorded.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jeri_runtime::reqwest::{self, header::HeaderValue};
use jeri_runtime::webhook::Verifier;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::attempt::DeliveryAttempt;
use super::events::{self, EVENT_TYPE_HEADER};
use crate::store::Happening;

/// JeriCommerce retries a non-2xx answer up to 10 times.
pub(crate) const DEFAULT_MAX_RETRIES: u32 = 10;
/// The first retry waits this long; each next one twice as long as the one before.
pub(crate) const DEFAULT_FIRST_RETRY: Duration = Duration::from_millis(500);
/// No wait is longer than this, however many retries came before.
const LONGEST_WAIT: Duration = Duration::from_secs(600);
/// How long one attempt may take before it counts as failed.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how to deliver events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WebhookConfig {
    /// The receiver's URL (`http://`; the sandbox is built without TLS).
    pub(crate) url: String,
    /// The integration's secret, signed with as its text's bytes.
    pub(crate) secret: String,
    /// The wait before the first retry.
    pub(crate) first_retry: Duration,
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
}

impl WebhookConfig {
    /// Delivery to `url` signed with `secret`, retried as JeriCommerce does.
    pub(crate) fn new(url: String, secret: String) -> Self {
        WebhookConfig {
            url,
            secret,
            first_retry: DEFAULT_FIRST_RETRY,
            max_retries: DEFAULT_MAX_RETRIES,
        }
    }

    /// The wait before retry number `retry` (1-based): doubling from the first.
    fn wait(&self, retry: u32) -> Duration {
        let factor = 2_u32.saturating_pow(retry.saturating_sub(1));
        self.first_retry.saturating_mul(factor).min(LONGEST_WAIT)
    }
}

/// The queue to the delivery task and what it recorded.
#[derive(Debug)]
pub(crate) struct Deliveries {
    queue: mpsc::UnboundedSender<Happening>,
    attempts: Arc<Mutex<Vec<DeliveryAttempt>>>,
    /// Events queued and not yet acknowledged or given up on.
    pending: Arc<watch::Sender<usize>>,
}

impl Deliveries {
    /// Starts the delivery task on the current tokio runtime.
    pub(crate) fn start(config: WebhookConfig) -> io::Result<(Deliveries, JoinHandle<()>)> {
        let verifier = events::verifier(&config.secret)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))?;
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .build()
            .map_err(io::Error::other)?;
        let (queue, received) = mpsc::unbounded_channel();
        let deliveries = Deliveries {
            queue,
            attempts: Arc::default(),
            pending: Arc::new(watch::Sender::new(0)),
        };
        let worker = Worker {
            config,
            verifier,
            client,
            attempts: deliveries.attempts.clone(),
            pending: deliveries.pending.clone(),
        };
        let task = tokio::spawn(worker.run(received));
        Ok((deliveries, task))
    }

    /// Queues events for delivery after those queued before.
    pub(crate) fn enqueue(&self, happenings: Vec<Happening>) {
        for happening in happenings {
            self.pending.send_modify(|pending| *pending += 1);
            if self.queue.send(happening).is_err() {
                // The task has stopped (the sandbox is shutting down): nothing will come.
                self.pending.send_modify(|pending| *pending -= 1);
            }
        }
    }

    /// Every attempt so far, oldest first.
    pub(crate) fn attempts(&self) -> Vec<DeliveryAttempt> {
        self.attempts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits until every event queued so far is acknowledged or given up on.
    pub(crate) async fn settled(&self) {
        let mut pending = self.pending.subscribe();
        // The sender lives in `self`, so the channel cannot close while this waits.
        let _ = pending.wait_for(|pending| *pending == 0).await;
    }
}

struct Worker {
    config: WebhookConfig,
    verifier: Verifier,
    client: reqwest::Client,
    attempts: Arc<Mutex<Vec<DeliveryAttempt>>>,
    pending: Arc<watch::Sender<usize>>,
}

impl Worker {
    /// One event at a time, so events arrive in the order they happened: the next waits
    /// until the one before is acknowledged or given up on.
    async fn run(self, mut received: mpsc::UnboundedReceiver<Happening>) {
        while let Some(happening) = received.recv().await {
            self.deliver(&happening).await;
            self.pending
                .send_modify(|pending| *pending = pending.saturating_sub(1));
        }
    }

    async fn deliver(&self, happening: &Happening) {
        let body = events::payload(happening);
        let mut headers = match self
            .verifier
            .sign(&happening.id, happening.at, body.as_bytes())
        {
            Ok(headers) => headers,
            Err(error) => return self.give_up(happening, &body, error.to_string()),
        };
        match HeaderValue::from_str(&happening.name) {
            Ok(name) => {
                headers.insert(EVENT_TYPE_HEADER, name);
            }
            Err(error) => return self.give_up(happening, &body, error.to_string()),
        }
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        for attempt in 1..=self.config.max_retries.saturating_add(1) {
            if attempt > 1 {
                tokio::time::sleep(self.config.wait(attempt - 1)).await;
            }
            let sent = self
                .client
                .post(&self.config.url)
                .headers(headers.clone())
                .body(body.clone())
                .send()
                .await;
            let (status, error) = match sent {
                Ok(response) => (Some(response.status().as_u16()), None),
                Err(error) => (None, Some(error.to_string())),
            };
            let record = DeliveryAttempt {
                event_id: happening.id.clone(),
                event_type: happening.name.clone(),
                attempt,
                status,
                error,
                body: body.clone(),
            };
            let acknowledged = record.acknowledged();
            self.record(record);
            if acknowledged {
                return;
            }
        }
    }

    /// Records an event that cannot be sent at all (a name that is not a header value).
    fn give_up(&self, happening: &Happening, body: &str, reason: String) {
        self.record(DeliveryAttempt {
            event_id: happening.id.clone(),
            event_type: happening.name.clone(),
            attempt: 1,
            status: None,
            error: Some(reason),
            body: body.to_owned(),
        });
    }

    fn record(&self, attempt: DeliveryAttempt) {
        self.attempts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(attempt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_from_the_first_and_stop_growing() {
        let config = WebhookConfig::new(String::new(), String::new());
        let waits: Vec<u128> = (1..=10)
            .map(|retry| config.wait(retry).as_millis())
            .collect();
        assert_eq!(
            waits,
            [
                500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000
            ]
        );
        assert_eq!(config.wait(40), LONGEST_WAIT);
    }
}
