//! Live editing over a websocket, speaking the standard Yjs sync and awareness protocol
//! (y-protocols), so the browser editor, any Yjs client and a Rust `yrs` client can all join.
//! The document side (what is kept, how the live text becomes revisions) is
//! `domain::documents::live`; this is the serving side.
//!
//! **One room per open document per instance.** A room holds the CRDT document and who is
//! connected (awareness). An update someone sends is checked, *kept in the database*, applied,
//! and only then passed on, so a restart never loses what anyone was shown. When people pause
//! (`COBOARD_LIVE_PAUSE_SECS`, 10 by default) or the last one leaves, the live text is saved as a
//! revision. The room closes when its last person leaves.
//!
//! **Several instances.** On PostgreSQL each instance listens on one channel: an instance that
//! keeps an update announces its id, and every other instance with the room open reads it and
//! passes it on; awareness (who is here, where their cursor is) travels in the announcement
//! itself. An instance that loses its listener reads every kept update again when it is back, so
//! nothing said meanwhile is missed (applying an update twice changes nothing).
//!
//! **Who is who.** Names in the list of who is editing come from the server, not the browser:
//! each awareness entry a connection sends gets its signed-in person's name, and a connection may
//! only speak for the client ids it introduced.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::{
    extract::{
        Path, State,
        ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade, rejection::WebSocketUpgradeRejection},
    },
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use base64::Engine;
use domain::documents::live::{self, kind};
use domain::people::CurrentUser;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::{OnceCell, broadcast};
use uuid::Uuid;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{Awareness, AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{ReadTxn, StateVector, Text, Transact, Update};

use crate::AppState;

/// The PostgreSQL channel live updates are announced on.
pub const CHANNEL: &str = "coboard_live";
/// How much one awareness entry (a name, a colour, a cursor) may hold.
const MAX_AWARENESS_JSON: usize = 4096;
/// Added to a room's count of connections when it closes: anyone counting in after that sees
/// a number this large and opens a fresh room.
const CLOSED: usize = 1 << 40;
/// Messages waiting for a slow connection before it is sent the whole state instead.
const ROOM_BACKLOG: usize = 128;

/// What a room passes to its connections.
#[derive(Clone)]
struct Outgoing {
    /// The connection it came from (it is not sent back there), or 0.
    from: u64,
    data: Arc<[u8]>,
}

struct Shared {
    awareness: Awareness,
    /// Which connection introduced each awareness client id, and whose it is.
    clients: HashMap<u64, (u64, Uuid)>,
    /// Kept updates already in the document.
    applied: HashSet<i64>,
    /// The newest kept update when the room opened: later ones other instances made are read
    /// from here on.
    opened_after: i64,
}

/// One open document on this instance.
pub struct Room {
    doc_id: Uuid,
    shared: Mutex<Shared>,
    tx: broadcast::Sender<Outgoing>,
    connections: AtomicUsize,
    /// Someone typed since the last save.
    dirty: AtomicBool,
    last_typed: Mutex<Instant>,
    closed: AtomicBool,
}

impl Room {
    fn send(&self, from: u64, message: Message) {
        let _ = self.tx.send(Outgoing { from, data: message.encode_v1().into() });
    }

    /// Applies a kept update (any origin) unless it is in already; passes it on to everyone here.
    fn apply_kept(&self, id: i64, data: &[u8], from: u64) -> bool {
        let Ok(update) = Update::decode_v1(data) else { return false };
        {
            let Ok(mut shared) = self.shared.lock() else { return false };
            if !shared.applied.insert(id) {
                return false;
            }
            if let Err(error) = shared.awareness.doc().transact_mut().apply_update(update) {
                tracing::warn!(%error, document = %self.doc_id, "could not apply a live update");
                return false;
            }
        }
        self.send(from, Message::Sync(SyncMessage::Update(data.to_vec())));
        true
    }

    /// The live text as this instance has it.
    pub fn text(&self) -> String {
        self.shared.lock().map(|s| live::text_of(s.awareness.doc())).unwrap_or_default()
    }

    /// Everyone connected here, by name, from the server's own record of who introduced which
    /// client (so a browser cannot claim to be someone else).
    pub fn people(&self) -> Vec<Uuid> {
        let Ok(shared) = self.shared.lock() else { return Vec::new() };
        let mut out: Vec<Uuid> = shared.clients.values().map(|(_, p)| *p).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Every room this instance has open.
#[derive(Clone)]
pub struct LiveHub(Arc<HubInner>);

struct HubInner {
    db: DatabaseConnection,
    /// Told when a live save changes a version outside any request, so kept pages and shared
    /// page parts are dropped as after any other change.
    pages: crate::page_cache::PageCache,
    rooms: Mutex<HashMap<Uuid, Arc<OnceCell<Arc<Room>>>>>,
    instance: String,
    pause: Duration,
    next_connection: AtomicU64,
}

impl LiveHub {
    /// `db` should not be the connection whose statements pages count: a room's work is no
    /// page's queries.
    pub fn new(db: DatabaseConnection, instance: String, pages: crate::page_cache::PageCache) -> Self {
        let pause = std::env::var("COBOARD_LIVE_PAUSE_SECS").ok().and_then(|s| s.parse::<f64>().ok()).filter(|s| *s > 0.0).unwrap_or(10.0);
        Self(Arc::new(HubInner { db, pages, rooms: Mutex::new(HashMap::new()), instance, pause: Duration::from_secs_f64(pause), next_connection: AtomicU64::new(1) }))
    }

    fn backend(&self) -> DatabaseBackend {
        self.0.db.get_database_backend()
    }

    /// The room, if it is open here.
    pub fn room(&self, doc_id: Uuid) -> Option<Arc<Room>> {
        self.0.rooms.lock().ok()?.get(&doc_id).and_then(|c| c.get().cloned())
    }

    /// How many documents are open here.
    pub fn open_rooms(&self) -> usize {
        self.0.rooms.lock().map(|r| r.len()).unwrap_or(0)
    }

    /// Opens the room (loading what is kept) or finds it open; counts one more connection.
    async fn join(&self, doc_id: Uuid) -> domain::DomainResult<Arc<Room>> {
        loop {
            let room = self.join_once(doc_id).await?;
            // The last person may have left, closing it, between finding it and counting in:
            // then a fresh room, or this connection would be alone in one nobody else can reach.
            if room.connections.load(Ordering::Acquire) < CLOSED {
                return Ok(room);
            }
            tokio::task::yield_now().await;
        }
    }

    async fn join_once(&self, doc_id: Uuid) -> domain::DomainResult<Arc<Room>> {
        let cell = {
            let mut rooms = self.0.rooms.lock().map_err(|_| domain::DomainError::Internal)?;
            rooms.entry(doc_id).or_default().clone()
        };
        let hub = self.clone();
        let opened_here = Arc::new(AtomicBool::new(false));
        let opened = opened_here.clone();
        let room = cell
            .get_or_try_init(|| async move {
                opened.store(true, Ordering::Release);
                let rows = live::open(&hub.0.db, doc_id).await?;
                let opened_after = rows.last().map_or(0, |r| r.id);
                let applied: HashSet<i64> = rows.iter().map(|r| r.id).collect();
                let doc = tokio::task::spawn_blocking(move || live::doc_from(rows.iter().map(|r| r.data.as_slice())))
                    .await
                    .map_err(|_| domain::DomainError::Internal)?;
                let (tx, _) = broadcast::channel(ROOM_BACKLOG);
                let room = Arc::new(Room {
                    doc_id,
                    shared: Mutex::new(Shared { awareness: Awareness::new(doc), clients: HashMap::new(), applied, opened_after }),
                    tx,
                    connections: AtomicUsize::new(0),
                    dirty: AtomicBool::new(false),
                    last_typed: Mutex::new(Instant::now()),
                    closed: AtomicBool::new(false),
                });
                hub.save_when_paused(room.clone());
                Ok::<_, domain::DomainError>(room)
            })
            .await;
        match room {
            Ok(room) => {
                room.connections.fetch_add(1, Ordering::AcqRel);
                // Another instance's announcement that came while the room was loading found no
                // room and was dropped; its update was kept before it was announced, so one more
                // read now that the room can be found catches it.
                if opened_here.load(Ordering::Acquire) && self.backend() == DatabaseBackend::Postgres {
                    self.reread(room).await;
                }
                Ok(room.clone())
            }
            Err(error) => {
                if let Ok(mut rooms) = self.0.rooms.lock()
                    && rooms.get(&doc_id).is_some_and(|c| c.get().is_none())
                {
                    rooms.remove(&doc_id);
                }
                Err(error)
            }
        }
    }

    /// One connection fewer; the last one out saves the text and closes the room.
    async fn leave(&self, room: &Arc<Room>) {
        if room.connections.fetch_sub(1, Ordering::AcqRel) != 1 {
            return;
        }
        self.save_now(room.doc_id, "Written together live").await;
        if let Err(error) = live::compact(&self.0.db, room.doc_id).await {
            tracing::warn!(%error, document = %room.doc_id, "could not pack the live updates");
        }
        // Closed only if still nobody is in it, in one step, so a joiner either counts in before
        // (and it stays open) or sees it closed (and opens a fresh one).
        if let Ok(mut rooms) = self.0.rooms.lock()
            && room.connections.compare_exchange(0, CLOSED, Ordering::AcqRel, Ordering::Acquire).is_ok()
        {
            room.closed.store(true, Ordering::Release);
            if rooms.get(&room.doc_id).and_then(|c| c.get()).is_some_and(|r| Arc::ptr_eq(r, room)) {
                rooms.remove(&room.doc_id);
            }
        }
    }

    /// Saves the live text as a revision now, if anyone typed since the last one.
    pub async fn save_now(&self, doc_id: Uuid, note: &str) -> Option<domain::documents::SaveOutcome> {
        if let Some(room) = self.room(doc_id) {
            room.dirty.store(false, Ordering::Release);
        }
        match live::save(&self.0.db, doc_id, note).await {
            Ok(Some(outcome)) => {
                self.0.pages.changed(&self.0.db).await;
                if outcome.live_update.is_some() {
                    self.catch_up(doc_id).await;
                }
                Some(outcome)
            }
            Ok(None) => None,
            Err(error) => {
                tracing::warn!(%error, document = %doc_id, "could not save the live text as a version; will try again");
                if let Some(room) = self.room(doc_id) {
                    room.dirty.store(true, Ordering::Release);
                }
                None
            }
        }
    }

    /// While the room is open: saves a version once people have paused.
    fn save_when_paused(&self, room: Arc<Room>) {
        let hub = self.clone();
        tokio::spawn(async move {
            let tick = (hub.0.pause / 4).clamp(Duration::from_millis(100), Duration::from_secs(1));
            while !room.closed.load(Ordering::Acquire) {
                tokio::time::sleep(tick).await;
                let paused = room.last_typed.lock().map(|t| t.elapsed() >= hub.0.pause).unwrap_or(false);
                if paused && room.dirty.load(Ordering::Acquire) {
                    hub.save_now(room.doc_id, "Written together live").await;
                }
            }
        });
    }

    /// Reads versions saved another way into the room (here, and on every other instance).
    pub async fn catch_up(&self, doc_id: Uuid) {
        self.read_form_updates(doc_id).await;
        self.announce(&format!("c|{}|{doc_id}", self.0.instance)).await;
    }

    async fn read_form_updates(&self, doc_id: Uuid) {
        let Some(room) = self.room(doc_id) else { return };
        let after = room.shared.lock().map(|s| s.opened_after).unwrap_or(0);
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use domain::entities::live_update;
        let rows = live_update::Entity::find()
            .filter(live_update::Column::DocumentId.eq(doc_id))
            .filter(live_update::Column::Id.gt(after))
            .filter(live_update::Column::Kind.eq(kind::FORM))
            .order_by_asc(live_update::Column::Id)
            .all(&self.0.db)
            .await;
        match rows {
            Ok(rows) => {
                for r in rows {
                    room.apply_kept(r.id, &r.data, 0);
                }
            }
            Err(error) => tracing::warn!(%error, "could not read a saved version into the live text"),
        }
    }

    /// Reads every kept update again into every open room (after missing announcements).
    async fn reread_all(&self) {
        let rooms: Vec<Arc<Room>> = self.0.rooms.lock().map(|r| r.values().filter_map(|c| c.get().cloned()).collect()).unwrap_or_default();
        for room in rooms {
            self.reread(&room).await;
        }
    }

    /// Reads the room's kept updates again, applying any it lacks (applying one twice changes
    /// nothing, and each is known by its id).
    async fn reread(&self, room: &Arc<Room>) {
        match live::updates(&self.0.db, room.doc_id).await {
            Ok(rows) => {
                for r in rows {
                    room.apply_kept(r.id, &r.data, 0);
                }
            }
            Err(error) => tracing::warn!(%error, "could not read live updates again"),
        }
    }

    async fn announce(&self, payload: &str) {
        if self.backend() != DatabaseBackend::Postgres {
            return;
        }
        if let Err(error) = crate::page_cache::notify(&self.0.db, CHANNEL, payload).await {
            tracing::warn!(%error, "could not tell other instances about a live change; they read it when their listener is back");
        }
    }

    /// On PostgreSQL: hears the other instances' live changes for as long as the process runs.
    pub fn listen(&self, database_url: &str) {
        if self.backend() != DatabaseBackend::Postgres {
            return;
        }
        let hub = self.clone();
        let url = database_url.to_owned();
        tokio::spawn(async move {
            use sea_orm::sqlx::postgres::PgListener;
            loop {
                match PgListener::connect(&url).await {
                    Ok(mut listener) => match listener.listen(CHANNEL).await {
                        Ok(()) => {
                            // Whatever was announced before this listener was listening (at
                            // start-up, or while it was reconnecting) is read from what is kept.
                            hub.reread_all().await;
                            loop {
                                match listener.try_recv().await {
                                    Ok(Some(note)) => hub.heard(note.payload()).await,
                                    Ok(None) => hub.reread_all().await,
                                    Err(error) => {
                                        tracing::warn!(%error, "lost the live-editing listener; reconnecting");
                                        break;
                                    }
                                }
                            }
                        }
                        Err(error) => tracing::warn!(%error, "could not listen for live changes on PostgreSQL"),
                    },
                    Err(error) => tracing::warn!(%error, "could not connect to listen for live changes on PostgreSQL"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    async fn heard(&self, payload: &str) {
        let mut parts = payload.splitn(4, '|');
        let (Some(what), Some(instance), Some(doc)) = (parts.next(), parts.next(), parts.next()) else { return };
        if instance == self.0.instance {
            return;
        }
        let Ok(doc_id) = Uuid::try_parse(doc) else { return };
        let Some(room) = self.room(doc_id) else { return };
        let rest = parts.next().unwrap_or("");
        match what {
            "u" => {
                let Ok(id) = rest.parse::<i64>() else { return };
                match live::update(&self.0.db, id).await {
                    Ok(Some(row)) if row.document_id == doc_id => {
                        room.apply_kept(row.id, &row.data, 0);
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "could not read another instance's live update"),
                }
            }
            "a" => {
                let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(rest) else { return };
                let Ok(update) = AwarenessUpdate::decode_v1(&bytes) else { return };
                if let Ok(mut shared) = room.shared.lock() {
                    let _ = shared.awareness.apply_update(update.clone());
                }
                room.send(0, Message::Awareness(update));
            }
            "c" => self.read_form_updates(doc_id).await,
            _ => {}
        }
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message.to_owned()).into_response()
}

/// `GET /documents/{id}/live/socket`: joins the document's live writing (a websocket speaking
/// the Yjs protocol). Signed in by session cookie or access token; only for people who may edit.
pub async fn socket(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return refuse(StatusCode::UNAUTHORIZED, "Please sign in to write this document live.");
    };
    // A browser on another site could open a websocket here with this person's cookie: the
    // same-origin rule for forms does not cover GET, so it is checked here.
    if !crate::auth::origin_is_here(&parts.headers, &state.site_url) {
        return refuse(StatusCode::FORBIDDEN, "This was opened from another website, so Coboard refused it.");
    }
    let Ok(doc_id) = Uuid::try_parse(id.trim()) else {
        return refuse(StatusCode::NOT_FOUND, "We could not find that document.");
    };
    if let Err(error) = live::may_write(&state.app.db, user.id, doc_id).await {
        let status = match error {
            domain::DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
            domain::DomainError::NotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::SERVICE_UNAVAILABLE,
        };
        return refuse(status, &error.to_string());
    }
    let upgrade = match upgrade {
        Ok(u) => u,
        Err(_) => return refuse(StatusCode::UPGRADE_REQUIRED, "This address is for live writing: open it with a websocket."),
    };
    let hub = state.live.clone();
    upgrade
        .max_message_size(live::MAX_UPDATE_BYTES + 1024)
        // Keystrokes are tens of bytes: the 128 KiB buffers websockets get by default were most
        // of what an open document cost (see the live benchmark in the README).
        .read_buffer_size(16 * 1024)
        .write_buffer_size(16 * 1024)
        .on_upgrade(move |socket| async move {
            match hub.join(doc_id).await {
                Ok(room) => {
                    serve(&hub, &room, socket, user).await;
                    hub.leave(&room).await;
                }
                Err(error) => {
                    let mut socket = socket;
                    let _ = socket.send(close(1011, &error.to_string())).await;
                }
            }
        })
}

fn close(code: u16, reason: &str) -> WsMessage {
    // A close reason is at most 123 bytes.
    let mut reason: String = reason.chars().take(120).collect();
    while reason.len() > 123 {
        reason.pop();
    }
    WsMessage::Close(Some(CloseFrame { code, reason: reason.into() }))
}

/// One connection, until it closes.
async fn serve(hub: &LiveHub, room: &Arc<Room>, mut socket: WebSocket, user: CurrentUser) {
    let me = hub.0.next_connection.fetch_add(1, Ordering::Relaxed);
    let mut rx = room.tx.subscribe();
    // The server speaks first: what it has (so the client sends what it lacks), and who is here.
    let hello = {
        let Ok(shared) = room.shared.lock() else { return };
        let mut encoder = EncoderV1::new();
        Message::Sync(SyncMessage::SyncStep1(shared.awareness.doc().transact().state_vector())).encode(&mut encoder);
        if let Ok(update) = shared.awareness.update()
            && !update.clients.is_empty()
        {
            Message::Awareness(update).encode(&mut encoder);
        }
        encoder.to_vec()
    };
    if socket.send(WsMessage::Binary(hello.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let data = match incoming {
                    Some(Ok(WsMessage::Binary(data))) => data,
                    Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => continue,
                    Some(Ok(WsMessage::Text(_))) => {
                        let _ = socket.send(close(1003, "Live writing speaks the Yjs protocol in binary messages.")).await;
                        break;
                    }
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break,
                };
                match handle(hub, room, me, &user, &data).await {
                    Ok(replies) => {
                        for reply in replies {
                            if socket.send(WsMessage::Binary(reply.encode_v1().into())).await.is_err() {
                                break;
                            }
                        }
                    }
                    Err(reason) => {
                        let _ = socket.send(close(1008, &reason)).await;
                        break;
                    }
                }
            }
            outgoing = rx.recv() => {
                let data: Vec<u8> = match outgoing {
                    Ok(o) if o.from == me => continue,
                    Ok(o) => o.data.to_vec(),
                    // Too far behind to catch up message by message: the whole state instead
                    // (applying what it has already changes nothing).
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let Ok(shared) = room.shared.lock() else { break };
                        let state = shared.awareness.doc().transact().encode_state_as_update_v1(&StateVector::default());
                        Message::Sync(SyncMessage::SyncStep2(state)).encode_v1()
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                };
                if socket.send(WsMessage::Binary(data.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    // Gone: their cursors and their name leave the list, here and on other instances.
    let gone = {
        let Ok(mut shared) = room.shared.lock() else { return };
        let mine: Vec<u64> = shared.clients.iter().filter(|(_, (conn, _))| *conn == me).map(|(c, _)| *c).collect();
        let mut entries = HashMap::new();
        for client in mine {
            shared.clients.remove(&client);
            let id = yrs::block::ClientID::new(client);
            let clock = shared.awareness.meta(id).map_or(0, |(clock, _)| clock) + 1;
            entries.insert(id, AwarenessUpdateEntry { clock, json: "null".into() });
        }
        let update = AwarenessUpdate { clients: entries };
        if update.clients.is_empty() {
            None
        } else {
            let _ = shared.awareness.apply_update(update.clone());
            Some(update)
        }
    };
    if let Some(update) = gone {
        relay_awareness(hub, room, me, update).await;
    }
}

async fn relay_awareness(hub: &LiveHub, room: &Arc<Room>, from: u64, update: AwarenessUpdate) {
    let bytes = update.encode_v1();
    room.send(from, Message::Awareness(update));
    // NOTIFY payloads stay under 8,000 bytes; a bigger one (many cursors at once) is left for the
    // next, smaller awareness update.
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    if encoded.len() < 7000 {
        hub.announce(&format!("a|{}|{}|{encoded}", hub.0.instance, room.doc_id)).await;
    }
}

/// One binary message from a connection (it may hold several protocol messages): the replies.
async fn handle(hub: &LiveHub, room: &Arc<Room>, me: u64, user: &CurrentUser, data: &[u8]) -> Result<Vec<Message>, String> {
    let mut messages = Vec::new();
    {
        let mut decoder = DecoderV1::from(data);
        let mut reader = MessageReader::new(&mut decoder);
        for message in reader.by_ref() {
            messages.push(message.map_err(|e| format!("That message could not be read: {e}"))?);
        }
    }
    let mut replies = Vec::new();
    for message in messages {
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let shared = room.shared.lock().map_err(|_| "The live document is unavailable.".to_owned())?;
                replies.push(Message::Sync(SyncMessage::SyncStep2(shared.awareness.doc().transact().encode_state_as_update_v1(&sv))));
            }
            Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
                typed(hub, room, me, user, update).await?;
            }
            Message::Awareness(update) => {
                let update = own_awareness(room, me, user, update)?;
                if !update.clients.is_empty() {
                    {
                        let mut shared = room.shared.lock().map_err(|_| "The live document is unavailable.".to_owned())?;
                        shared.awareness.apply_update(update.clone()).map_err(|e| e.to_string())?;
                    }
                    relay_awareness(hub, room, me, update).await;
                }
            }
            Message::AwarenessQuery => {
                let shared = room.shared.lock().map_err(|_| "The live document is unavailable.".to_owned())?;
                if let Ok(update) = shared.awareness.update() {
                    replies.push(Message::Awareness(update));
                }
            }
            Message::Auth(_) | Message::Custom(..) => {}
        }
    }
    Ok(replies)
}

/// An update someone typed: checked, applied, kept, passed on (here and to other instances).
/// Applied first only to learn whether it changes anything (a sync reply often repeats what the
/// server has); nothing is passed on until it is kept. Were the server to stop in between, the
/// typist's editor still holds the change and sends it again when it reconnects.
async fn typed(hub: &LiveHub, room: &Arc<Room>, me: u64, user: &CurrentUser, data: Vec<u8>) -> Result<(), String> {
    let update = live::check_update(&data)?;
    let changed = {
        let shared = room.shared.lock().map_err(|_| "The live document is unavailable.".to_owned())?;
        let doc = shared.awareness.doc();
        let text = doc.get_or_insert_text(live::TEXT_NAME);
        let (sv, length) = {
            let txn = doc.transact();
            (txn.state_vector(), text.len(&txn))
        };
        if length as usize + data.len() > live::MAX_TEXT_BYTES && update.extends(&sv) {
            return Err("This document is now too long to write live. Please split it into parts.".into());
        }
        let mut txn = doc.transact_mut();
        txn.apply_update(update).map_err(|e| format!("That change could not be applied: {e}"))?;
        let changed = txn.state_vector() != sv || text.len(&txn) != length;
        changed
    };
    if !changed {
        return Ok(());
    }
    let id = live::append(&hub.0.db, room.doc_id, Some(user.id), kind::TYPED, data.clone())
        .await
        .map_err(|_| "We could not keep your last change, so we stopped here: please reload the page. Nothing already kept is lost.".to_owned())?;
    if let Ok(mut shared) = room.shared.lock() {
        shared.applied.insert(id);
    }
    room.send(me, Message::Sync(SyncMessage::Update(data)));
    room.dirty.store(true, Ordering::Release);
    if let Ok(mut t) = room.last_typed.lock() {
        *t = Instant::now();
    }
    hub.announce(&format!("u|{}|{}|{id}", hub.0.instance, room.doc_id)).await;
    Ok(())
}

/// The awareness entries a connection sent, each given its signed-in person's name. Entries for
/// client ids another connection introduced are dropped.
fn own_awareness(room: &Arc<Room>, me: u64, user: &CurrentUser, update: AwarenessUpdate) -> Result<AwarenessUpdate, String> {
    let mut shared = room.shared.lock().map_err(|_| "The live document is unavailable.".to_owned())?;
    let mut clients = HashMap::new();
    for (client, entry) in update.clients {
        match shared.clients.get(&client.get()) {
            Some((conn, _)) if *conn != me => continue,
            _ => {}
        }
        if entry.json.len() > MAX_AWARENESS_JSON {
            return Err("That presence message was too big.".into());
        }
        let json: Arc<str> = match serde_json::from_str::<serde_json::Value>(&entry.json) {
            Ok(serde_json::Value::Null) => {
                shared.clients.remove(&client.get());
                "null".into()
            }
            Ok(serde_json::Value::Object(mut state)) => {
                let colour = state
                    .get("user")
                    .and_then(|u| u.get("color"))
                    .and_then(|c| c.as_str())
                    .filter(|c| c.len() <= 9 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit()))
                    .unwrap_or("#1d70b8")
                    .to_owned();
                state.insert("user".into(), serde_json::json!({ "name": user.attribution(), "color": colour, "id": user.id }));
                shared.clients.insert(client.get(), (me, user.id));
                serde_json::Value::Object(state).to_string().into()
            }
            _ => continue,
        };
        clients.insert(client, AwarenessUpdateEntry { clock: entry.clock, json });
    }
    Ok(AwarenessUpdate { clients })
}

/// `POST /documents/{id}/live/save`: saves the live text as a version now ("Save a version").
/// Back to the live page, which says what happened.
pub async fn save_form(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    use axum::response::Redirect;
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to(&format!("/sign-in?next=/documents/{id}/live")).into_response();
    };
    let Ok(doc_id) = Uuid::try_parse(id.trim()) else {
        return refuse(StatusCode::NOT_FOUND, "We could not find that document.");
    };
    if let Err(error) = live::may_write(&state.app.db, user.id, doc_id).await {
        let status = if matches!(error, domain::DomainError::Forbidden(_)) { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
        return refuse(status, &error.to_string());
    }
    let saved = state.live.save_now(doc_id, &format!("Saved during live writing by {}", user.attribution())).await;
    let done = match saved {
        Some(outcome) => format!("saved={}", outcome.number),
        None => "saved=none".to_owned(),
    };
    Redirect::to(&format!("/documents/{doc_id}/live?{done}")).into_response()
}
