//! The spec's request schemas, transcribed for [`crate::validate`].
//!
//! Each constant mirrors one schema of `spec/openapi.yaml`; the integration tests hold the
//! limits (`maxItems`, `minimum`, `maxLength`) against the spec's numbers.

use crate::validate::{EMAIL, Format, STRING, Schema};

/// `IntegrationFeature`.
pub(crate) const FEATURE: Schema = Schema::Enum(&["users", "loyalty"]);

/// `TokenType` values.
pub(crate) const TOKEN_TYPES: &[&str] = &["auth", "download"];

/// `UsersPayload`.
const USERS_PAYLOAD: Schema = Schema::Object {
    fields: &[
        ("externalCustomerId", STRING),
        ("firstName", STRING),
        ("lastName", STRING),
        ("phone", Schema::Nullable(&STRING)),
        ("emailVerified", Schema::Bool),
        ("email", EMAIL),
    ],
    required: &[],
    closed: true,
};

/// `LoyaltyPayload`.
const LOYALTY_PAYLOAD: Schema = Schema::Object {
    fields: &[
        ("loyaltyCustomerId", STRING),
        ("balance", Schema::Integer { min: Some(0) }),
        (
            "memberSince",
            Schema::String {
                min: 0,
                max: None,
                format: Format::DateTime,
            },
        ),
        ("tierStatus", STRING),
    ],
    required: &["loyaltyCustomerId", "balance", "memberSince"],
    closed: false,
};

/// `IntegrationItem`.
const INTEGRATION_ITEM: Schema = Schema::Object {
    fields: &[
        ("email", EMAIL),
        ("feature", FEATURE),
        (
            "payload",
            Schema::OneOf(&[
                ("LoyaltyPayload", LOYALTY_PAYLOAD),
                ("UsersPayload", USERS_PAYLOAD),
            ]),
        ),
    ],
    required: &["email", "feature", "payload"],
    closed: false,
};

/// The `upsertResources` body.
pub(crate) const UPSERT_BODY: Schema = Schema::Array {
    items: &INTEGRATION_ITEM,
    min: 1,
    max: 250,
};

/// `ResourceDeletion`.
const RESOURCE_DELETION: Schema = Schema::Object {
    fields: &[("email", EMAIL), ("feature", FEATURE)],
    required: &["email", "feature"],
    closed: false,
};

/// The `deleteResources` body.
pub(crate) const DELETE_BODY: Schema = Schema::Array {
    items: &RESOURCE_DELETION,
    min: 1,
    max: 250,
};

/// `BalanceChange`.
const BALANCE_CHANGE: Schema = Schema::Object {
    fields: &[
        ("email", EMAIL),
        ("amount", Schema::Integer { min: Some(1) }),
        (
            "reason",
            Schema::String {
                min: 1,
                max: None,
                format: Format::Any,
            },
        ),
    ],
    required: &["email", "amount", "reason"],
    closed: false,
};

/// The `increaseBalance` / `decreaseBalance` body.
pub(crate) const BALANCE_BODY: Schema = Schema::Array {
    items: &BALANCE_CHANGE,
    min: 1,
    max: 100,
};

/// `RewardRedemptionRequest` and `EarningFlowExecutionRequest` (same shape).
pub(crate) const CUSTOMER_EMAIL_BODY: Schema = Schema::Object {
    fields: &[("customerEmail", EMAIL)],
    required: &[],
    closed: false,
};

/// `PushNotificationRequest`.
pub(crate) const PUSH_BODY: Schema = Schema::Object {
    fields: &[
        ("email", EMAIL),
        (
            "message",
            Schema::String {
                min: 1,
                max: Some(255),
                format: Format::Any,
            },
        ),
        ("title", STRING),
        (
            "url",
            Schema::String {
                min: 0,
                max: None,
                format: Format::Uri,
            },
        ),
    ],
    required: &["email", "message"],
    closed: false,
};

/// `CouponAssignmentRequest`.
pub(crate) const COUPON_BODY: Schema = Schema::Object {
    fields: &[("email", EMAIL)],
    required: &["email"],
    closed: false,
};
