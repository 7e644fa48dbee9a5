//! `sendPushNotification` (`POST /v1/programs/{programId}/push-notifications`): every
//! field of `PushNotificationRequest` and of `PushNotification`.

use jeri_client::requests::SendPushNotificationRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{PushNotification, PushNotificationRequest, PushNotificationStatus};
use jeri_client::{CallOptions, Client, Error};

async fn _send_push_notification(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let body = PushNotificationRequest {
        email: String::from("ana@example.com"),
        message: String::from("You have 120 points"),
        title: Some(String::from("Acme")),
        url: Some(String::from("https://acme.example/rewards")),
    };
    let options: CallOptions = CallOptions::new();
    let request: SendPushNotificationRequest = client
        .send_push_notification(program_id, body)
        .options(options);
    let notification: PushNotification = request.await?;

    let _id: jeri_client::runtime::uuid::Uuid = notification.id;
    let _email: String = notification.email;
    let _status: &str = match notification.status {
        PushNotificationStatus::Queued => "queued",
        PushNotificationStatus::Sent => "sent",
        PushNotificationStatus::Unknown_(_) => "unlisted",
    };
    let _created_at: jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc> = notification.created_at;
    Ok(())
}

fn _spawnable(request: SendPushNotificationRequest) -> BoxFuture<Result<PushNotification, Error>> {
    request.into_future()
}

fn main() {}
