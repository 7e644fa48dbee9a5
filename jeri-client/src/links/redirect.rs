//! Where a session link lands in the customer app: the `redirectTo` query value.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::LinkError;

/// A section of the customer app a session link opens on.
///
/// The six named sections are the values JeriCommerce documents. A path the enum does not
/// know yet is passed with [`RedirectTo::custom`] (or `FromStr`), which returns the named
/// variant when the path is a known one, so equal paths always compare equal.
///
/// In the link, the value is the query parameter `redirectTo`, encoded as
/// `application/x-www-form-urlencoded` by the url crate: `loyalty/rewards` is written
/// `redirectTo=loyalty%2Frewards`.
///
/// <div class="warning">
///
/// Assumption: the reference does not say whether the `/` in `loyalty/rewards` is
/// percent-encoded. Any server that decodes query values (every URL library does) reads
/// `loyalty/rewards` either way; escaping it keeps one encoding rule for every query value.
///
/// </div>
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum RedirectTo {
    /// `profile`: the customer's profile.
    Profile,
    /// `loyalty/rewards`: the rewards the customer can redeem.
    LoyaltyRewards,
    /// `loyalty/earning-flows`: the ways to earn points.
    LoyaltyEarningFlows,
    /// `referrals`: the referral programme.
    Referrals,
    /// `coupons`: the customer's coupons.
    Coupons,
    /// `transactions`: the customer's balance history.
    Transactions,
    /// A path not listed above, made with [`RedirectTo::custom`].
    Other(RedirectPath),
}

/// A `redirectTo` path that is none of the named [`RedirectTo`] sections.
///
/// Only [`RedirectTo::custom`] makes one, so it never holds a named section's path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RedirectPath(String);

impl RedirectPath {
    /// The path text, e.g. `loyalty/tiers`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl RedirectTo {
    /// The six documented sections, in the reference's order.
    pub const KNOWN: [RedirectTo; 6] = [
        Self::Profile,
        Self::LoyaltyRewards,
        Self::LoyaltyEarningFlows,
        Self::Referrals,
        Self::Coupons,
        Self::Transactions,
    ];

    /// The `redirectTo` value of this section, e.g. `loyalty/rewards`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Profile => "profile",
            Self::LoyaltyRewards => "loyalty/rewards",
            Self::LoyaltyEarningFlows => "loyalty/earning-flows",
            Self::Referrals => "referrals",
            Self::Coupons => "coupons",
            Self::Transactions => "transactions",
            Self::Other(path) => path.as_str(),
        }
    }

    /// A section given by its path: the named variant for a documented path, otherwise
    /// [`RedirectTo::Other`].
    ///
    /// Any non-empty path without whitespace or control characters is accepted; it is
    /// percent-encoded in the link, so it cannot change the link's structure.
    ///
    /// # Errors
    /// [`LinkError::EmptyRedirect`] or [`LinkError::RedirectCharacter`].
    pub fn custom(path: impl Into<String>) -> Result<Self, LinkError> {
        let path = path.into();
        if let Some(known) = Self::KNOWN.iter().find(|known| known.as_str() == path) {
            return Ok(known.clone());
        }
        if path.is_empty() {
            return Err(LinkError::EmptyRedirect);
        }
        if let Some(found) = path.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(LinkError::RedirectCharacter { path, found });
        }
        Ok(Self::Other(RedirectPath(path)))
    }
}

impl fmt::Display for RedirectTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RedirectTo {
    type Err = LinkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::custom(s)
    }
}

impl TryFrom<String> for RedirectTo {
    type Error = LinkError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::custom(value)
    }
}

impl From<RedirectTo> for String {
    fn from(redirect: RedirectTo) -> Self {
        match redirect {
            RedirectTo::Other(RedirectPath(path)) => path,
            known => known.as_str().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sections_round_trip_through_text_and_serde() {
        let expected = [
            "profile",
            "loyalty/rewards",
            "loyalty/earning-flows",
            "referrals",
            "coupons",
            "transactions",
        ];
        for (redirect, text) in RedirectTo::KNOWN.iter().zip(expected) {
            assert_eq!(redirect.to_string(), text);
            assert_eq!(text.parse::<RedirectTo>().as_ref(), Ok(redirect));
            let json = serde_json::to_string(redirect).expect("serializes");
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(
                serde_json::from_str::<RedirectTo>(&json).ok().as_ref(),
                Some(redirect)
            );
        }
    }

    #[test]
    fn unknown_paths_become_other_and_known_ones_never_do() {
        let tiers = RedirectTo::custom("loyalty/tiers").expect("valid path");
        assert!(matches!(&tiers, RedirectTo::Other(path) if path.as_str() == "loyalty/tiers"));
        assert_eq!(tiers.to_string(), "loyalty/tiers");
        assert_eq!(RedirectTo::custom("coupons"), Ok(RedirectTo::Coupons));
        assert_eq!(
            serde_json::from_str::<RedirectTo>("\"loyalty/tiers\"").ok(),
            Some(tiers)
        );
    }

    #[test]
    fn rejects_empty_and_blank_paths() {
        assert_eq!(RedirectTo::custom(""), Err(LinkError::EmptyRedirect));
        assert_eq!(
            RedirectTo::custom("loyalty rewards"),
            Err(LinkError::RedirectCharacter {
                path: "loyalty rewards".to_owned(),
                found: ' '
            })
        );
        assert!(serde_json::from_str::<RedirectTo>("\"\"").is_err());
    }
}
