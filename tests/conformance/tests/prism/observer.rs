//! A transport hook that asks Prism for one response (`Prefer`) and keeps what Prism
//! said of the request (its status, and the `sl-violations` header it sets when the
//! request breaks the spec).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jeri_runtime::reqwest::header::HeaderValue;
use jeri_runtime::{Attempt, Hook};

/// What Prism answered to the last attempt.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// The response status; `None` when no response came.
    pub status: Option<u16>,
    /// The `sl-violations` header: Prism's list of what the request breaks.
    pub violations: Option<String>,
}

impl Seen {
    /// The violations Prism found in the request: those of `sl-violations` whose
    /// location starts with `request`.
    pub fn request_violations(&self) -> Option<String> {
        self.violations_at("request")
    }

    /// The violations Prism found in the response it built itself (from an example of
    /// the spec that breaks the spec's own schema): location `response`.
    pub fn response_violations(&self) -> Option<String> {
        self.violations_at("response")
    }

    fn violations_at(&self, place: &str) -> Option<String> {
        let list: Vec<serde_json::Value> =
            serde_json::from_str(self.violations.as_deref()?).unwrap_or_default();
        let found: Vec<serde_json::Value> = list
            .into_iter()
            .filter(|violation| violation["location"][0] == place)
            .collect();
        (!found.is_empty()).then(|| serde_json::Value::from(found).to_string())
    }
}

/// Shared between the transport (as a [`Hook`]) and the test.
#[derive(Debug, Clone, Default)]
pub struct Observer {
    prefer: Arc<Mutex<Option<String>>>,
    seen: Arc<Mutex<Seen>>,
}

impl Observer {
    /// The `Prefer` header of the next calls (`code=404, dynamic=true`), or none.
    pub fn prefer(&self, value: Option<String>) {
        if let Ok(mut prefer) = self.prefer.lock() {
            *prefer = value;
        }
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Seen::default();
        }
    }

    /// What Prism answered to the last call.
    pub fn seen(&self) -> Seen {
        self.seen
            .lock()
            .map(|seen| seen.clone())
            .unwrap_or_default()
    }
}

impl Hook for Observer {
    fn before_attempt(&self, _attempt: &Attempt, request: &mut jeri_runtime::reqwest::Request) {
        let prefer = self.prefer.lock().ok().and_then(|prefer| prefer.clone());
        if let Some(value) = prefer.and_then(|p| HeaderValue::from_str(&p).ok()) {
            request.headers_mut().insert("prefer", value);
        }
    }

    fn after_attempt(
        &self,
        _attempt: &Attempt,
        outcome: Result<&jeri_runtime::reqwest::Response, &jeri_runtime::reqwest::Error>,
        _elapsed: Duration,
    ) {
        let seen = match outcome {
            Ok(response) => Seen {
                status: Some(response.status().as_u16()),
                violations: response
                    .headers()
                    .get("sl-violations")
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
            },
            Err(_) => Seen::default(),
        };
        if let Ok(mut last) = self.seen.lock() {
            *last = seen;
        }
    }
}
