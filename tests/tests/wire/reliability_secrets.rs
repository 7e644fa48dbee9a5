//! Neither the API key nor a customer token ever shows up when a value that
//! holds one, or an error raised while using one, is formatted: `{:?}`,
//! `{:#?}`, `Display`, and every error in a `source` chain.

use std::error::Error as StdError;
use std::time::Duration;

use jeri_client::links::{LinkBuilder, ParsedLink, RedirectTo, Slug};
use jeri_client::runtime::Transport;
use jeri_client::types::{EarningFlowExecutionRequest, RewardRedemptionRequest, TokenType};
use jeri_client::{AuthToken, CallOptions, Client, DownloadToken, Error, RetryPolicy, Secret};
use jeri_tests::fixtures::{self, API_KEY, SECRET_MARKER, TOKEN, client};
use jeri_tests::recording::{Reply, Server};
use jeri_tests::redaction::{assert_none_contains, error_renderings, renderings};

const SECRETS: &[&str] = &[API_KEY, TOKEN, SECRET_MARKER];

fn assert_value_hidden(what: &str, value: &(impl std::fmt::Debug + ?Sized)) {
    assert_none_contains(what, &renderings(value, None), SECRETS);
}

fn assert_error_hidden(what: &str, error: &Error) {
    let mut shown = error_renderings(error);
    // Also the helpers a log line would use.
    shown.push(format!("{:?} {:?}", error.status(), error.operation()));
    if let Some(api) = error.as_api() {
        shown.push(api.raw_text());
    }
    assert_none_contains(what, &shown, SECRETS);
}

/// A client for `server` that also holds the customer token, so both
/// secrets sit in every transport the tests format.
fn auth_token() -> AuthToken {
    AuthToken::new(TOKEN).expect("a token")
}

fn customer_and_merchant(server: &Server) -> (Client, jeri_client::CustomerClient) {
    let merchant = client(server.url());
    let customer = merchant.as_customer(auth_token());
    (merchant, customer)
}

#[tokio::test]
async fn clients_builders_transports_and_requests_hide_credentials() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let (merchant, customer) = customer_and_merchant(&server);
    let builder = Client::builder()
        .api_key(API_KEY)
        .base_url(server.url())
        .timeout(Duration::from_secs(3));
    let secret = Secret::from(API_KEY);
    let token_secret = Secret::new(TOKEN);
    assert_none_contains(
        "Secret",
        &renderings(&secret, Some(secret.to_string())),
        SECRETS,
    );
    assert_none_contains(
        "Secret (token)",
        &renderings(&token_secret, Some(token_secret.to_string())),
        SECRETS,
    );
    assert_value_hidden("ClientBuilder", &builder);
    assert_value_hidden("Client", &merchant);
    assert_value_hidden("CustomerClient", &customer);
    assert_value_hidden("Transport", merchant.transport());
    assert_value_hidden("customer Transport", customer.transport());
    assert_value_hidden("Credentials", merchant.transport().credentials());
    assert_value_hidden("customer Credentials", customer.transport().credentials());
    let both = Transport::builder()
        .base_url(server.url())
        .api_key(API_KEY)
        .bearer_token(TOKEN)
        .build()
        .expect("transport");
    assert_value_hidden("Transport with both", &both);
    assert_value_hidden("Client from both", &Client::from_transport(both));

    assert_value_hidden(
        "GetCustomerRequest",
        &merchant.get_customer("acme", "ada@example.com"),
    );
    assert_value_hidden(
        "GetCustomerTokenRequest",
        &merchant
            .get_customer_token("acme", "ada@example.com", TokenType::Auth)
            .expires_in(60)
            .options(CallOptions::new().timeout(Duration::from_secs(1))),
    );
    assert_value_hidden(
        "RedeemRewardRequest (customer)",
        &customer.redeem_reward("acme", "rw", RewardRedemptionRequest::default()),
    );
    assert_value_hidden(
        "ExecuteCustomEarningFlowRequest (customer)",
        &customer.execute_custom_earning_flow(
            "acme",
            "flow",
            EarningFlowExecutionRequest::default(),
        ),
    );
    // The formatting checks above are only meaningful if the secrets are
    // really inside.
    assert_eq!(
        merchant
            .transport()
            .credentials()
            .api_key_secret()
            .map(Secret::expose),
        Some(API_KEY)
    );
    assert_eq!(
        customer
            .transport()
            .credentials()
            .bearer_token_secret()
            .map(Secret::expose),
        Some(TOKEN)
    );
}

#[tokio::test]
async fn response_errors_hide_credentials() {
    let page = "<html>Sign in</html>";
    let server = Server::start(vec![
        Reply::json(
            401,
            fixtures::error_body(401, "Unauthorized", "Unauthorized").to_string(),
        ),
        Reply::json(418, "short and stout"),
        Reply::json(200, "{\"id\": 1"),
        Reply::status(200)
            .header("content-type", "text/html")
            .body(page),
        Reply::json(201, "x".repeat(4096)),
    ])
    .await;
    let (merchant, customer) = customer_and_merchant(&server);
    let small = Client::builder()
        .api_key(API_KEY)
        .base_url(server.url())
        .retry_policy(RetryPolicy::disabled())
        .max_body_size(1024)
        .build()
        .expect("client");
    let api = merchant
        .get_customer("acme", "a@example.com")
        .await
        .expect_err("401");
    let undocumented = customer
        .redeem_reward("acme", "rw", RewardRedemptionRequest::default())
        .await
        .expect_err("418");
    let decode = merchant.get_api_status().await.expect_err("decode");
    let content_type = customer
        .execute_custom_earning_flow("acme", "f", EarningFlowExecutionRequest::default())
        .await
        .expect_err("html");
    let too_large = small
        .as_customer(auth_token())
        .redeem_reward("acme", "rw", RewardRedemptionRequest::default())
        .await
        .expect_err("too large");
    assert!(matches!(api, Error::Api(ref e) if e.status() == 401));
    assert!(matches!(undocumented, Error::Api(ref e) if e.status() == 418));
    assert!(matches!(decode, Error::Decode { .. }), "{decode:?}");
    assert!(
        matches!(content_type, Error::ContentType { .. }),
        "{content_type:?}"
    );
    assert!(
        matches!(too_large, Error::BodyTooLarge { limit: 1024, .. }),
        "{too_large:?}"
    );
    for (what, error) in [
        ("Api", &api),
        ("Api (customer)", &undocumented),
        ("Decode", &decode),
        ("ContentType", &content_type),
        ("BodyTooLarge", &too_large),
    ] {
        assert_error_hidden(what, error);
    }
}

#[tokio::test]
async fn transport_errors_hide_credentials() {
    // A port nothing listens on: the connection is refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed_url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let refused = client(&closed_url).as_customer(auth_token());
    let connect = refused
        .redeem_reward("acme", "rw", RewardRedemptionRequest::default())
        .await
        .expect_err("refused");
    assert!(
        matches!(connect, Error::Transport { .. }) && connect.is_retryable(),
        "{connect:?}"
    );
    assert_error_hidden("Transport (connect)", &connect);
    let connect = client(&closed_url)
        .get_customer_token("acme", "ada@example.com", TokenType::Auth)
        .await
        .expect_err("refused");
    assert_error_hidden("Transport (connect, merchant)", &connect);

    // A listener that accepts connections into its backlog but never
    // answers: the call times out.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_url = format!("http://{}", silent.local_addr().expect("address"));
    let timeout = client(&silent_url)
        .get_customer("acme", "ada@example.com")
        .options(CallOptions::new().timeout(Duration::from_millis(200)))
        .await
        .expect_err("no answer");
    assert!(timeout.is_timeout(), "{timeout:?}");
    assert_error_hidden("Transport (timeout)", &timeout);
    let timeout = client(&silent_url)
        .as_customer(auth_token())
        .execute_custom_earning_flow("acme", "f", EarningFlowExecutionRequest::default())
        .options(CallOptions::new().timeout(Duration::from_millis(200)))
        .await
        .expect_err("no answer");
    assert!(timeout.is_timeout(), "{timeout:?}");
    assert_error_hidden("Transport (timeout, customer)", &timeout);
    drop(silent);
}

#[tokio::test]
async fn errors_raised_before_sending_hide_credentials() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let (merchant, customer) = customer_and_merchant(&server);
    let invalid = merchant.get_customer("acme", "").await.expect_err("empty");
    assert!(matches!(invalid, Error::InvalidInput { .. }));
    assert_error_hidden("InvalidInput (param)", &invalid);

    let unsendable_token = format!("{TOKEN}\n");
    let invalid = merchant
        .as_customer(AuthToken::new(unsendable_token).expect("a token"))
        .redeem_reward("acme", "rw", RewardRedemptionRequest::default())
        .await
        .expect_err("a token with a newline cannot be a header");
    assert!(matches!(invalid, Error::InvalidInput { .. }), "{invalid:?}");
    assert_error_hidden("InvalidInput (token)", &invalid);

    // The customer's transport holds a token but no key; getCustomer needs the key.
    let missing = Client::from_transport(customer.transport().clone())
        .get_customer("acme", "ada@example.com")
        .await
        .expect_err("no key");
    assert!(matches!(missing, Error::MissingCredentials { .. }));
    assert_error_hidden("MissingCredentials", &missing);
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn configuration_errors_hide_credentials() {
    let key_with_newline = format!("{API_KEY}\n");
    let errors = [
        Client::new(key_with_newline.as_str()).err(),
        Client::builder().build().err(),
        Client::builder()
            .api_key(API_KEY)
            .base_url(format!("https://user:{API_KEY}@api.example.com"))
            .build()
            .err(),
        Client::builder()
            .api_key(API_KEY)
            .base_url(format!("https://user:{API_KEY}@api example.com"))
            .build()
            .err(),
        Client::builder()
            .api_key(API_KEY)
            .base_url("ftp://api.example.com")
            .build()
            .err(),
        Client::builder()
            .api_key(API_KEY)
            .timeout(Duration::ZERO)
            .build()
            .err(),
        Client::builder()
            .api_key(API_KEY)
            .user_agent("agent\n")
            .build()
            .err(),
    ];
    for (index, error) in errors.into_iter().enumerate() {
        let error = error.unwrap_or_else(|| panic!("case {index} should fail"));
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert_error_hidden(&format!("Config #{index}"), &error);
    }
}

#[test]
fn link_tokens_links_and_link_errors_hide_the_token() {
    let slug = Slug::new("acme").expect("slug");
    let auth = AuthToken::new(TOKEN).expect("token");
    let download = DownloadToken::new(TOKEN).expect("token");
    assert_value_hidden("AuthToken", &auth);
    assert_value_hidden("DownloadToken", &download);

    let links = LinkBuilder::new();
    let session = links.session_link(&slug, &auth, &RedirectTo::Profile);
    let download_link = links.download_link(&slug, &download);
    // The links carry the token Base64-encoded; that form is secret too.
    let encoded_session = session
        .as_url()
        .path_segments()
        .and_then(|mut segments| segments.nth(1))
        .expect("token segment")
        .to_owned();
    let encoded_download = download_link
        .as_url()
        .query_pairs()
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
        .expect("token query");
    let secrets = [TOKEN, SECRET_MARKER, &encoded_session, &encoded_download];
    assert!(encoded_session.len() > 40 && encoded_download.len() > 40);

    let parsed: Vec<ParsedLink> = [session.as_str(), download_link.as_str()]
        .iter()
        .map(|text| links.parse(text).expect("parses back"))
        .collect();
    assert_eq!(parsed[0].expose_token(), TOKEN);
    for (what, value) in [
        (
            "session Link",
            renderings(&session, Some(session.redacted())),
        ),
        (
            "download Link",
            renderings(&download_link, Some(download_link.redacted())),
        ),
        ("ParsedLink (session)", renderings(&parsed[0], None)),
        ("ParsedLink (download)", renderings(&parsed[1], None)),
    ] {
        assert_none_contains(what, &value, &secrets);
    }

    let broken = [
        format!(
            "{}/extra",
            session.as_str().split('?').next().unwrap_or_default()
        ),
        download_link
            .as_str()
            .replacen("https://jeri.link", "https://evil.example", 1),
        format!("{}&token={encoded_download}", download_link.as_str()),
        format!("https://jeri.link/acme/{TOKEN}!"),
        format!("https://jeri.link/acme/download?token={TOKEN}!"),
        format!("https://jeri.link/acme/{encoded_session}/{encoded_session}"),
        format!("not a link {TOKEN}"),
    ];
    for (index, link) in broken.iter().enumerate() {
        let error = links
            .parse(link)
            .err()
            .unwrap_or_else(|| panic!("broken link #{index} parsed: {link}"));
        let shown = error_renderings(&error as &(dyn StdError + 'static));
        assert_none_contains(&format!("LinkError #{index} ({error:?})"), &shown, &secrets);
    }
}

#[test]
fn link_errors_for_misplaced_session_links_hide_the_token() {
    let slug = Slug::new("acme").expect("slug");
    let auth = AuthToken::new(TOKEN).expect("token");
    let links = LinkBuilder::new();
    let session = links.session_link(&slug, &auth, &RedirectTo::Profile);
    let encoded = session
        .as_url()
        .path_segments()
        .and_then(|mut segments| segments.nth(1))
        .expect("token segment")
        .to_owned();
    for elsewhere in [
        session
            .as_str()
            .replacen("jeri.link", "jeri.link.evil.example", 1),
        session.as_str().replacen("https:", "http:", 1),
        format!("https://jeri.link/{encoded}"),
    ] {
        let error = links.parse(&elsewhere).expect_err("not a jeri link");
        let shown = error_renderings(&error as &(dyn StdError + 'static));
        assert_none_contains(&format!("{error:?}"), &shown, &[encoded.as_str()]);
    }
}

#[tokio::test]
async fn a_fetched_customer_token_hides_its_value() {
    let answer = serde_json::json!({ "accessToken": TOKEN });
    let server = Server::start(vec![Reply::json(200, answer.to_string())]).await;
    let token = client(server.url())
        .get_customer_token("acme", "ada@example.com", TokenType::Auth)
        .await
        .expect("token");
    assert_eq!(token.access_token, TOKEN);
    assert_value_hidden("types::CustomerToken", &token);
}
