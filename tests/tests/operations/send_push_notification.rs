//! `POST /v1/programs/{programId}/push-notifications`.

use jeri_client::Error;
use jeri_client::types::{PushNotificationRequest, PushNotificationStatus};
use jeri_tests::fixtures::{self, client};
use jeri_tests::recording::{Reply, Server};
use serde_json::json;

use super::assert_merchant_headers;

fn notification(title: Option<&str>, url: Option<&str>) -> PushNotificationRequest {
    PushNotificationRequest {
        email: "ada@example.com".into(),
        message: "You have 750 points — treat yourself!".into(),
        title: title.map(Into::into),
        url: url.map(Into::into),
    }
}

#[tokio::test]
async fn sends_every_field_that_is_set() {
    let server = Server::start(vec![Reply::json(
        201,
        fixtures::push_notification().to_string(),
    )])
    .await;
    let sent = client(server.url())
        .send_push_notification(
            "acme",
            notification(
                Some("Points!"),
                Some("https://shop.example/rewards?utm=push"),
            ),
        )
        .await
        .expect("notification");
    assert_eq!(sent.id.to_string(), "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f");
    assert_eq!(sent.email, "ada@example.com");
    assert_eq!(sent.status, PushNotificationStatus::Queued);
    assert_eq!(
        sent.created_at
            .to_rfc3339_opts(jeri_client::runtime::chrono::SecondsFormat::Millis, true),
        "2026-05-25T10:02:00.250Z"
    );

    let request = server.single();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/programs/acme/push-notifications");
    assert_merchant_headers(&request, true);
    assert_eq!(
        request.json(),
        json!({
            "email": "ada@example.com",
            "message": "You have 750 points — treat yourself!",
            "title": "Points!",
            "url": "https://shop.example/rewards?utm=push"
        })
    );
}

#[tokio::test]
async fn unset_fields_are_left_out_and_new_statuses_are_kept() {
    let mut body = fixtures::push_notification();
    body["status"] = "delivered".into();
    let server = Server::start(vec![Reply::json(201, body.to_string())]).await;
    let sent = client(server.url())
        .send_push_notification("acme", notification(None, None))
        .await
        .expect("notification");
    assert_eq!(
        sent.status,
        PushNotificationStatus::Unknown_("delivered".into())
    );
    assert_eq!(
        server.single().json(),
        json!({ "email": "ada@example.com", "message": "You have 750 points — treat yourself!" })
    );
}

#[tokio::test]
async fn an_empty_success_body_is_a_decode_error() {
    let server = Server::start(vec![Reply::json(201, "")]).await;
    let result = client(server.url())
        .send_push_notification("acme", notification(None, None))
        .await;
    match result {
        Err(Error::Decode {
            operation,
            status,
            excerpt,
            source,
            ..
        }) => {
            assert_eq!((operation, status), ("sendPushNotification", 201));
            assert_eq!(excerpt, "");
            assert!(source.is_eof());
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
