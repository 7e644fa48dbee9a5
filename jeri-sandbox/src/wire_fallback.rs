//! Wire types written by hand, mirroring what `jeri_macros::generate!(…, types_only)`
//! emits for `spec/openapi.yaml`: same names, same field names, same serde shape. Used
//! while the generator cannot yet expand for this spec.

use serde::{Deserialize, Serialize};

/// String enums that keep unlisted values, like the generated ones.
macro_rules! open_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!(" `", $wire, "`")] $variant,)*
            /// A value the spec does not list, as received.
            Unknown(String),
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

open_enum!(
    /// `IntegrationFeature`.
    IntegrationFeature { Users = "users", Loyalty = "loyalty" }
);
open_enum!(
    /// `TokenType`.
    TokenType { Auth = "auth", Download = "download" }
);
open_enum!(
    /// `PushNotificationStatus`.
    PushNotificationStatus { Queued = "queued", Sent = "sent" }
);
open_enum!(
    /// `EarningFlowRecurrence`.
    EarningFlowRecurrence {
        Once = "once",
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
        Unlimited = "unlimited",
    }
);
open_enum!(
    /// `CustomerOrigin`.
    CustomerOrigin {
        Api = "API",
        Shopify = "SHOPIFY",
        Jericommerce = "JERICOMMERCE",
        InitialSync = "INITIAL_SYNC",
        Unknown_ = "UNKNOWN",
    }
);

/// `ApiStatus`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiStatus {
    /// `status`.
    pub status: String,
    /// `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `timestamp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
}

/// `IntegrationItem`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegrationItem {
    /// `email`.
    pub email: String,
    /// `feature`.
    pub feature: IntegrationFeature,
    /// `payload`.
    pub payload: IntegrationItemPayload,
}

/// `IntegrationItem.payload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IntegrationItemPayload {
    /// The `LoyaltyPayload` alternative.
    LoyaltyPayload(LoyaltyPayload),
    /// The `UsersPayload` alternative.
    UsersPayload(UsersPayload),
}

/// `UsersPayload`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UsersPayload {
    /// `externalCustomerId`.
    #[serde(
        rename = "externalCustomerId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub external_customer_id: Option<String>,
    /// `firstName`.
    #[serde(rename = "firstName", default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `lastName`.
    #[serde(rename = "lastName", default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `emailVerified`.
    #[serde(
        rename = "emailVerified",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub email_verified: Option<bool>,
    /// `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// `LoyaltyPayload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoyaltyPayload {
    /// `loyaltyCustomerId`.
    #[serde(rename = "loyaltyCustomerId")]
    pub loyalty_customer_id: String,
    /// `balance`.
    pub balance: i64,
    /// `memberSince`.
    #[serde(rename = "memberSince")]
    pub member_since: String,
    /// `tierStatus`.
    #[serde(
        rename = "tierStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tier_status: Option<String>,
}

/// `ResourceDeletion`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceDeletion {
    /// `email`.
    pub email: String,
    /// `feature`.
    pub feature: IntegrationFeature,
}

/// `BatchResult`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResult {
    /// `accepted`.
    pub accepted: i64,
    /// `failed`.
    pub failed: i64,
    /// `errors`.
    pub errors: Vec<BatchItemError>,
}

/// `BatchItemError`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchItemError {
    /// `index`.
    pub index: i64,
    /// `email`.
    pub email: String,
    /// `message`.
    pub message: String,
}

/// `Customer`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// `id`.
    pub id: String,
    /// `programId`.
    #[serde(rename = "programId")]
    pub program_id: String,
    /// `email`.
    pub email: String,
    /// `origin`.
    pub origin: CustomerOrigin,
    /// `referral`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<String>,
    /// `utmCampaign`.
    #[serde(
        rename = "utmCampaign",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub utm_campaign: Option<String>,
    /// `utmSource`.
    #[serde(rename = "utmSource", default, skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    /// `utmMedium`.
    #[serde(rename = "utmMedium", default, skip_serializing_if = "Option::is_none")]
    pub utm_medium: Option<String>,
    /// `balanceNotifications`.
    #[serde(rename = "balanceNotifications")]
    pub balance_notifications: bool,
    /// `tierNotifications`.
    #[serde(rename = "tierNotifications")]
    pub tier_notifications: bool,
    /// `rewardAvailableNotifications`.
    #[serde(rename = "rewardAvailableNotifications")]
    pub reward_available_notifications: bool,
    /// `locationNotifications`.
    #[serde(rename = "locationNotifications")]
    pub location_notifications: bool,
    /// `marketingNotifications`.
    #[serde(rename = "marketingNotifications")]
    pub marketing_notifications: bool,
    /// `referralEarned`.
    #[serde(rename = "referralEarned")]
    pub referral_earned: bool,
    /// `createdAt`.
    #[serde(rename = "createdAt")]
    pub created_at: String,
    /// `updatedAt`.
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
    /// `userData`.
    #[serde(rename = "userData", default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<CustomerUserData>,
    /// `loyaltyData`.
    #[serde(rename = "loyaltyData")]
    pub loyalty_data: Option<CustomerLoyaltyData>,
}

/// `CustomerUserData`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerUserData {
    /// `id`.
    pub id: String,
    /// `customerId`.
    #[serde(rename = "customerId")]
    pub customer_id: String,
    /// `externalCustomerId`.
    #[serde(
        rename = "externalCustomerId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub external_customer_id: Option<String>,
    /// `firstName`.
    #[serde(rename = "firstName", default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `lastName`.
    #[serde(rename = "lastName", default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `emailVerified`.
    #[serde(
        rename = "emailVerified",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub email_verified: Option<bool>,
    /// `createdAt`.
    #[serde(rename = "createdAt", default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// `updatedAt`.
    #[serde(rename = "updatedAt", default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// `CustomerLoyaltyData`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerLoyaltyData {
    /// `id`.
    pub id: String,
    /// `customerId`.
    #[serde(rename = "customerId")]
    pub customer_id: String,
    /// `loyaltyCustomerId`.
    #[serde(
        rename = "loyaltyCustomerId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub loyalty_customer_id: Option<String>,
    /// `balance`.
    pub balance: i64,
    /// `memberSince`.
    #[serde(
        rename = "memberSince",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub member_since: Option<String>,
    /// `tierStatus`.
    #[serde(
        rename = "tierStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tier_status: Option<String>,
    /// `referralLink`.
    #[serde(
        rename = "referralLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub referral_link: Option<String>,
}

/// `CustomerToken`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerToken {
    /// `accessToken`.
    #[serde(rename = "accessToken")]
    pub access_token: String,
}

/// `RewardRedemptionRequest`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RewardRedemptionRequest {
    /// `customerEmail`.
    #[serde(
        rename = "customerEmail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_email: Option<String>,
}

/// `RewardRedemption`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RewardRedemption {
    /// `redemptionId`.
    #[serde(rename = "redemptionId")]
    pub redemption_id: String,
    /// `rewardId`.
    #[serde(rename = "rewardId")]
    pub reward_id: String,
    /// `customerEmail`.
    #[serde(rename = "customerEmail")]
    pub customer_email: String,
    /// `pointsSpent`.
    #[serde(rename = "pointsSpent")]
    pub points_spent: i64,
    /// `balance`.
    pub balance: i64,
    /// `discountCode`.
    #[serde(
        rename = "discountCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub discount_code: Option<String>,
    /// `redeemedAt`.
    #[serde(rename = "redeemedAt")]
    pub redeemed_at: String,
}

/// `PushNotificationRequest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushNotificationRequest {
    /// `email`.
    pub email: String,
    /// `message`.
    pub message: String,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `PushNotification`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushNotification {
    /// `id`.
    pub id: String,
    /// `email`.
    pub email: String,
    /// `status`.
    pub status: PushNotificationStatus,
    /// `createdAt`.
    #[serde(rename = "createdAt")]
    pub created_at: String,
}

/// `CouponAssignmentRequest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouponAssignmentRequest {
    /// `email`.
    pub email: String,
}

/// `CouponAssignment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouponAssignment {
    /// `couponId`.
    #[serde(rename = "couponId")]
    pub coupon_id: String,
    /// `email`.
    pub email: String,
    /// `code`.
    pub code: String,
    /// `assignedAt`.
    #[serde(rename = "assignedAt")]
    pub assigned_at: String,
}

/// `BalanceChange`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalanceChange {
    /// `email`.
    pub email: String,
    /// `amount`.
    pub amount: i64,
    /// `reason`.
    pub reason: String,
}

/// `EarningFlowExecutionRequest`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EarningFlowExecutionRequest {
    /// `customerEmail`.
    #[serde(
        rename = "customerEmail",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_email: Option<String>,
}

/// `EarningFlowExecution`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarningFlowExecution {
    /// `pointsAwarded`.
    #[serde(rename = "pointsAwarded")]
    pub points_awarded: i64,
    /// `remainingExecutions`.
    #[serde(rename = "remainingExecutions")]
    pub remaining_executions: Option<i64>,
    /// `recurrence`.
    pub recurrence: EarningFlowRecurrence,
}

/// `ErrorBody`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `statusCode`.
    #[serde(rename = "statusCode")]
    pub status_code: i32,
    /// `message`.
    pub message: ErrorBodyMessage,
    /// `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `ErrorBody.message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorBodyMessage {
    /// The `String` alternative.
    String(String),
    /// The `Array` alternative.
    Array(Vec<String>),
}
