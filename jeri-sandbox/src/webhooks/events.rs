//! JeriCommerce's events as the sandbox sends them: names, payloads, headers.

use jeri_runtime::reqwest::header::HeaderName;
use jeri_runtime::webhook::{Scheme, SignatureEncoding, Verifier, WebhookSecret};
use serde_json::json;

use crate::clock;
use crate::store::Happening;

/// The header carrying the HMAC-SHA256 of the raw body.
pub const SIGNATURE_HEADER: &str = "x-jericommerce-hmac-sha256";
/// The header naming the event type.
pub const EVENT_TYPE_HEADER: &str = "x-jericommerce-event-type";

/// The event types JeriCommerce's documentation names (it says there are 18). The sandbox
/// sends `Customer created` and `Balance changed` as its model changes; every name here,
/// or any other, can be sent on demand ([`crate::SandboxState::fire_event`]).
pub const EVENT_TYPES: &[&str] = &[
    "Customer created",
    "Customer birthday",
    "Customer scanned",
    "Customer tapped",
    "Wallet pass requested",
    "Wallet pass installed",
    "Wallet pass uninstalled",
    "Balance changed",
    "Wallet click",
    "Wallet visit",
];

/// The signing JeriCommerce's events use: HMAC-SHA256 of the raw body with the
/// integration's secret (its text as bytes), in `x-jericommerce-hmac-sha256`. Whether the
/// real API writes hex or Base64 is not documented; this accepts either and signs Base64,
/// the encoding of Shopify's `x-shopify-hmac-sha256`, which the header's name follows.
pub fn verifier(secret: &str) -> Result<Verifier, jeri_runtime::webhook::SecretError> {
    Ok(Verifier::new(
        Scheme::header(
            HeaderName::from_static(SIGNATURE_HEADER),
            SignatureEncoding::HexOrBase64,
        ),
        WebhookSecret::new(secret)?,
    )
    .event_type(jeri_runtime::webhook::EventTypeSource::Header(
        HeaderName::from_static(EVENT_TYPE_HEADER),
    )))
}

/// The JSON body of an event: JeriCommerce's common fields (`id`, `email`, `customerId`,
/// `createdAt`, `properties`; the optional `campaignId`, `url` and `browser` are left out,
/// as nothing the sandbox models comes from a campaign or a web page).
pub(crate) fn payload(happening: &Happening) -> String {
    let created_at = clock::date_time(happening.at)
        .to_rfc3339_opts(jeri_runtime::chrono::SecondsFormat::Secs, true);
    json!({
        "id": happening.id,
        "email": happening.email,
        "customerId": happening.customer_id,
        "createdAt": created_at,
        "properties": happening.properties,
    })
    .to_string()
}
