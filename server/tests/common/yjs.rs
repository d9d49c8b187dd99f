//! A small Yjs client written with `yrs`: it joins a document's live writing over the websocket
//! exactly as a browser's y-websocket provider does (sync step 1 and 2, updates, awareness), so
//! tests and the benchmark check the server with a client that is not the server's own code.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::{Message as Ws, client::IntoClientRequest, http::HeaderValue};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, StateVector, Text, Transact, Update};

pub const TEXT_NAME: &str = "content";

/// One connected client.
pub struct YClient {
    pub doc: Doc,
    out: mpsc::UnboundedSender<Ws>,
    /// Everyone's awareness state as last heard (client id → JSON), `null` ones removed.
    pub awareness: Arc<Mutex<HashMap<u64, String>>>,
    /// Set when the server closed the connection (with its reason).
    pub closed: Arc<Mutex<Option<String>>>,
    /// Counts the updates received: wait on it to know the moment one arrives.
    pub received: tokio::sync::watch::Receiver<u64>,
    clock: u32,
}

/// What the websocket handshake answered when it was refused.
#[derive(Debug)]
pub struct Refused {
    pub status: u16,
    pub body: String,
}

impl YClient {
    /// Joins `ws_url` (`ws://host/documents/{id}/live/socket`) with a token or a session cookie.
    pub async fn connect(ws_url: &str, token: Option<&str>, cookie: Option<&str>) -> Result<Self, Refused> {
        Self::connect_with(ws_url, token, cookie, None).await
    }

    pub async fn connect_with(ws_url: &str, token: Option<&str>, cookie: Option<&str>, origin: Option<&str>) -> Result<Self, Refused> {
        let mut request = ws_url.into_client_request().expect("a websocket address");
        if let Some(token) = token {
            request.headers_mut().insert("authorization", HeaderValue::from_str(&format!("Bearer {token}")).unwrap());
        }
        if let Some(cookie) = cookie {
            request.headers_mut().insert("cookie", HeaderValue::from_str(&format!("coboard_session={cookie}")).unwrap());
        }
        if let Some(origin) = origin {
            request.headers_mut().insert("origin", HeaderValue::from_str(origin).unwrap());
        }
        let (socket, _) = match tokio_tungstenite::connect_async(request).await {
            Ok(ok) => ok,
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                let status = response.status().as_u16();
                let body = response.body().as_ref().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
                return Err(Refused { status, body });
            }
            Err(other) => return Err(Refused { status: 0, body: other.to_string() }),
        };
        let (mut write, mut read) = socket.split();
        let (out, mut queue) = mpsc::unbounded_channel::<Ws>();
        tokio::spawn(async move {
            while let Some(message) = queue.recv().await {
                if write.send(message).await.is_err() {
                    break;
                }
            }
            let _ = write.close().await;
        });
        let doc = Doc::new();
        let _ = doc.get_or_insert_text(TEXT_NAME);
        let awareness = Arc::new(Mutex::new(HashMap::new()));
        let closed = Arc::new(Mutex::new(None));
        let (count, received) = tokio::sync::watch::channel(0u64);
        {
            let (doc, out, awareness, closed) = (doc.clone(), out.clone(), awareness.clone(), closed.clone());
            tokio::spawn(async move {
                while let Some(Ok(message)) = read.next().await {
                    let data = match message {
                        Ws::Binary(data) => data,
                        Ws::Close(frame) => {
                            *closed.lock().unwrap() = Some(frame.map(|f| f.reason.to_string()).unwrap_or_default());
                            break;
                        }
                        _ => continue,
                    };
                    let mut decoder = DecoderV1::from(data.as_ref());
                    let messages: Vec<Message> = MessageReader::new(&mut decoder).filter_map(Result::ok).collect();
                    for m in messages {
                        match m {
                            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                                let update = doc.transact().encode_state_as_update_v1(&sv);
                                let _ = out.send(Ws::Binary(Message::Sync(SyncMessage::SyncStep2(update)).encode_v1().into()));
                            }
                            Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) => {
                                if let Ok(update) = Update::decode_v1(&u) {
                                    let _ = doc.transact_mut().apply_update(update);
                                }
                                count.send_modify(|n| *n += 1);
                            }
                            Message::Awareness(update) => {
                                let mut states = awareness.lock().unwrap();
                                for (client, entry) in update.clients {
                                    if &*entry.json == "null" {
                                        states.remove(&client.get());
                                    } else {
                                        states.insert(client.get(), entry.json.to_string());
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                closed.lock().unwrap().get_or_insert_with(String::new);
            });
        }
        // As y-websocket does: ask for what the server has.
        let sv = doc.transact().state_vector();
        let _ = out.send(Ws::Binary(Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1().into()));
        Ok(Self { doc, out, awareness, closed, received, clock: 0 })
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.doc.get_or_insert_text(TEXT_NAME).len(&self.doc.transact()) as usize
    }

    pub fn text(&self) -> String {
        self.doc.get_or_insert_text(TEXT_NAME).get_string(&self.doc.transact())
    }

    /// Types `words` at byte offset `at` (clamped to the end), sending the update.
    pub fn type_at(&self, at: usize, words: &str) {
        let text = self.doc.get_or_insert_text(TEXT_NAME);
        let update = {
            let mut txn = self.doc.transact_mut();
            let len = text.len(&txn) as usize;
            text.insert(&mut txn, at.min(len) as u32, words);
            txn.encode_update_v1()
        };
        self.send_update(update);
    }

    /// Types at the end.
    pub fn type_at_end(&self, words: &str) {
        self.type_at(usize::MAX, words);
    }

    pub fn send_update(&self, update: Vec<u8>) {
        let _ = self.out.send(Ws::Binary(Message::Sync(SyncMessage::Update(update)).encode_v1().into()));
    }

    /// Sends raw bytes (to test what the server does with nonsense).
    pub fn send_raw(&self, data: Vec<u8>) {
        let _ = self.out.send(Ws::Binary(data.into()));
    }

    /// Says who this client is, as y-codemirror's awareness does (`user.name`, `user.color`).
    pub fn announce(&mut self, json: &str) {
        self.clock += 1;
        let mut clients = HashMap::new();
        clients.insert(self.doc.client_id(), AwarenessUpdateEntry { clock: self.clock, json: json.into() });
        let update = AwarenessUpdate { clients };
        let _ = self.out.send(Ws::Binary(Message::Awareness(update).encode_v1().into()));
    }

    /// Everyone's names in the awareness states heard.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .awareness
            .lock()
            .unwrap()
            .values()
            .filter_map(|json| serde_json::from_str::<serde_json::Value>(json).ok())
            .filter_map(|v| v.get("user").and_then(|u| u.get("name")).and_then(|n| n.as_str()).map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    /// Closes the connection.
    pub fn leave(self) {
        let _ = self.out.send(Ws::Close(None));
    }

    /// Waits (up to 20 s) until `check` holds for this client's text; panics with the text if not.
    pub async fn wait_for_text(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if check(&text) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("waited 20 s for {what}; the text is {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits (up to 20 s) until `check` holds for the names heard.
    pub async fn wait_for_names(&self, what: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let names = self.names();
            if check(&names) {
                return names;
            }
            if Instant::now() > deadline {
                panic!("waited 20 s for {what}; the names heard are {names:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The whole state, for comparing two clients exactly.
    pub fn state(&self) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(&StateVector::default())
    }
}
