//! The judge's rules: 5xx never accepts, forbidden-but-valid originals, markers, masking.

use super::*;

fn resp(status: u16, body: &str) -> Response {
    Response {
        status,
        body: body.as_bytes().to_vec(),
        truncated: false,
        location: None,
        challenge: None,
        elapsed_ms: 1,
    }
}

const ORIGINAL: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz";
const FORGED: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";

fn judge(original: Response, garbage: Response, markers: Markers) -> Judge {
    let b = Baselines { original, garbage };
    Judge::new(&b, ORIGINAL, markers)
}

#[test]
fn server_error_for_the_original_is_no_baseline_without_markers() {
    let j = judge(
        resp(500, "internal error"),
        resp(500, "internal error"),
        Markers::default(),
    );
    let why = j.check().unwrap_err();
    assert!(why.contains("5xx is never evidence"), "{why}");
    let marked = judge(
        resp(500, "internal error"),
        resp(500, "internal error"),
        Markers {
            accepted_text: vec!["Welcome".into()],
            ..Markers::default()
        },
    );
    assert!(marked.check().is_ok());
    assert_eq!(
        marked.classify(&resp(500, "internal error"), FORGED).0,
        Verdict::Inconclusive
    );
    assert_eq!(
        marked.classify(&resp(200, "Welcome alice"), FORGED).0,
        Verdict::Accepted
    );
}

#[test]
fn a_5xx_is_never_acceptance_even_when_the_original_got_one() {
    let j = judge(
        resp(500, "boom"),
        resp(401, "no"),
        Markers {
            accepted_status: vec![200],
            ..Markers::default()
        },
    );
    let (v, why) = j.classify(&resp(500, "boom"), FORGED);
    assert_eq!(v, Verdict::Inconclusive, "{why}");
    assert_eq!(j.classify(&resp(401, "no"), FORGED).0, Verdict::Rejected);
    // The original's own answer, were it not a 5xx, would be "like the original": still no.
    let plain = judge(resp(500, "boom"), resp(401, "no"), Markers::default());
    assert!(plain.check().is_err());
}

#[test]
fn forbidden_but_valid_original_with_a_distinct_rejection_is_a_baseline() {
    let j = judge(
        resp(403, r#"{"error":"Access Forbidden"}"#),
        resp(403, r#"{"error":"Token invalid"}"#),
        Markers::default(),
    );
    assert!(j.check().is_ok());
    let (v, why) = j.classify(&resp(403, r#"{"error":"Access Forbidden"}"#), FORGED);
    assert_eq!(v, Verdict::Accepted, "{why}");
    assert_eq!(
        j.classify(&resp(403, r#"{"error":"Token invalid"}"#), FORGED)
            .0,
        Verdict::Rejected
    );
    // An escalation to 200 is unlike both: the reviewer's marker decides, not a guess.
    let (v, why) = j.classify(&resp(200, "admin panel"), FORGED);
    assert_eq!(v, Verdict::Inconclusive, "{why}");
    assert!(why.contains("--accepted-status 200"), "{why}");
}

#[test]
fn refused_original_like_the_garbage_value_is_still_refused() {
    let j = judge(
        resp(401, "invalid token"),
        resp(401, "invalid token"),
        Markers::default(),
    );
    assert!(j.check().unwrap_err().contains("refused"));
}

#[test]
fn echoed_tokens_are_masked_before_bodies_are_compared() {
    // Both baselines echo what they were sent: masked, they are the same answer.
    let j = judge(
        resp(401, &format!("invalid token: {ORIGINAL}")),
        resp(401, &format!("invalid token: {GARBAGE}")),
        Markers::default(),
    );
    assert!(j.check().unwrap_err().contains("refused"));
    // With a distinct rejection, an echo of a forged token sharing the original's payload
    // is still a rejection.
    let j = judge(
        resp(403, &format!("forbidden for {ORIGINAL}")),
        resp(403, &format!("bad token {GARBAGE}")),
        Markers::default(),
    );
    let (v, why) = j.classify(&resp(403, &format!("bad token {FORGED}")), FORGED);
    assert_eq!(v, Verdict::Rejected, "{why}");
}

#[test]
fn markers_decide_and_rejected_text_wins() {
    let markers = Markers {
        accepted_text: vec!["Welcome admin".into()],
        rejected_text: vec!["Token invalid".into()],
        accepted_status: vec![],
    };
    let j = judge(
        resp(403, "Access Forbidden"),
        resp(403, "Token invalid"),
        markers,
    );
    let (v, why) = j.classify(&resp(200, "Welcome admin"), FORGED);
    assert_eq!(
        (v, why.contains("--accepted-text")),
        (Verdict::Accepted, true)
    );
    let (v, why) = j.classify(&resp(200, "Welcome admin. Token invalid"), FORGED);
    assert_eq!(
        (v, why.contains("--rejected-text")),
        (Verdict::Rejected, true)
    );
}

#[test]
fn an_accepted_marker_on_the_garbage_values_answer_is_no_acceptance() {
    let j = judge(
        resp(200, "hello alice"),
        resp(401, "please log in"),
        Markers {
            accepted_status: vec![401],
            ..Markers::default()
        },
    );
    assert_eq!(
        j.classify(&resp(401, "please log in"), FORGED).0,
        Verdict::Rejected
    );
}

#[test]
fn an_ordinary_pair_of_baselines_still_classifies_as_before() {
    let j = judge(
        resp(200, "hello alice"),
        resp(401, "no"),
        Markers::default(),
    );
    assert!(j.check().is_ok());
    assert_eq!(
        j.classify(&resp(200, "hello alice"), FORGED).0,
        Verdict::Accepted
    );
    assert_eq!(j.classify(&resp(401, "no"), FORGED).0, Verdict::Rejected);
}

fn challenged(status: u16, body: &str, challenge: &str) -> Response {
    Response {
        challenge: Some(challenge.into()),
        ..resp(status, body)
    }
}

#[test]
fn www_authenticate_tells_apart_answers_with_the_same_status_and_body() {
    // An API answering 401 with an empty body to both an expired token and a bad one, the
    // RFC 6750 challenge saying which.
    let expired = r#"Bearer error="invalid_token", error_description="expired""#;
    let bad = r#"Bearer error="invalid_token", error_description="bad signature""#;
    let j = judge(
        challenged(401, "", expired),
        challenged(401, "", bad),
        Markers::default(),
    );
    assert!(j.check().is_ok());
    let (v, why) = j.classify(&challenged(401, "", expired), FORGED);
    assert_eq!(v, Verdict::Accepted, "{why}");
    assert_eq!(
        j.classify(&challenged(401, "", bad), FORGED).0,
        Verdict::Rejected
    );
    // The same challenge on both baselines decides nothing.
    let same = judge(
        challenged(401, "", bad),
        challenged(401, "", bad),
        Markers::default(),
    );
    assert!(same.check().is_err());
}

#[test]
fn a_body_verdict_the_challenge_contradicts_is_no_verdict() {
    let j = judge(
        resp(200, "hello alice, here are your items"),
        challenged(200, "please log in", "Bearer"),
        Markers::default(),
    );
    let v = challenged(200, "hello alice, here are your items", "Bearer");
    assert_eq!(j.classify(&v, FORGED).0, Verdict::Inconclusive);
}
