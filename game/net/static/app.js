// Parley browser client: one WebSocket to the host, a full board on every change.
// Everything the page shows comes from the host's messages and is put in the page as text
// (textContent), never as HTML. No library, no build step, nothing fetched from elsewhere.
"use strict";

(function () {
  const TOKEN_KEY = "parley-seat:" + location.host;
  const ROLE_KEY = "parley-role:" + location.host;
  const PING_EVERY = 10000;
  const PONG_WITHIN = 6000;

  let ws = null;
  let board = null;
  let version = 0;
  let seat = null;
  let replaced = false;
  let retry = 0;
  let retryTimer = null;
  let pingTimer = null;
  let pongTimer = null;
  let pending = null; // {id, decision, version}: sent, not yet answered
  let timerEnd = null;
  let timerPaused = null; // seconds left while the teacher has paused the timer
  let pin = "";
  let asked = false; // this tab asked the teacher and waits for the answer

  const $ = (id) => document.getElementById(id);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function notice(text, actionLabel, action) {
    $("notice").hidden = !text;
    $("notice-text").textContent = text || "";
    const button = $("notice-action");
    button.hidden = !actionLabel;
    button.textContent = actionLabel || "";
    button.onclick = action || null;
  }

  function link(text) { $("link").textContent = text; }

  // --- the connection -------------------------------------------------------------------------

  function connect() {
    clearTimeout(retryTimer);
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) return;
    link("connecting…");
    const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws = socket;
    socket.onopen = () => {
      retry = 0;
      link("connected");
      const token = load(TOKEN_KEY);
      if (token) send({ type: "join", token: token });
      else if (load(ROLE_KEY) === "watch") send({ type: "watch" });
      else showJoin();
      if (pin) send({ type: "facilitate", pin: pin, action: "seats" });
      startPings();
    };
    socket.onmessage = (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      receive(data);
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      stopPings();
      ws = null;
      if (pending) pending.sent = false;
      if (asked) { asked = false; $("ask").disabled = false; notice("The connection dropped before the teacher answered: ask again."); }
      if (replaced) { link("stopped"); return; }
      link("reconnecting…");
      retry = Math.min(retry + 1, 6);
      retryTimer = setTimeout(connect, Math.min(500 * 2 ** (retry - 1), 8000));
    };
  }

  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; }
    return false;
  }

  function startPings() {
    stopPings();
    pingTimer = setInterval(() => {
      if (!send({ type: "ping", t: Date.now() })) return;
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => { if (ws) ws.close(); }, PONG_WITHIN); // a dead socket (a tablet that slept)
    }, PING_EVERY);
  }

  function stopPings() { clearInterval(pingTimer); clearTimeout(pongTimer); }

  function wake() {
    if (replaced) return;
    if (!ws || ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) { retry = 0; connect(); }
    else if (seat !== undefined && board) send({ type: "sync" });
  }

  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") wake(); });
  window.addEventListener("pageshow", wake);
  window.addEventListener("online", wake);

  // --- messages from the host ---------------------------------------------------------------------

  function receive(data) {
    switch (data.type) {
      case "welcome":
        seat = data.seat;
        asked = false;
        $("ask").disabled = false;
        if (data.token) store(TOKEN_KEY, data.token);
        notice("");
        break;
      case "state":
        if (data.version < version && data.seat === seat) return;
        version = data.version;
        seat = data.seat;
        board = data.board;
        setTimer(data.timer, data.paused);
        render();
        if (pending) resendPending();
        break;
      case "ack":
        if (pending && data.id === pending.id) pending = null;
        render();
        break;
      case "refused":
        refused(data);
        break;
      case "replaced":
        replaced = true;
        stopPings();
        notice(data.message, "Use this tab again", () => { replaced = false; notice(""); connect(); });
        break;
      case "seats":
        renderSeats(data.seats);
        renderRequests(data.requests || [], data.seats);
        renderTeacherTimer(data.timer, data.paused);
        if (data.steer) renderSteer(data.steer);
        break;
      case "done":
        $("steer-said").textContent = data.message;
        break;
      case "timer":
        setTimer(data.timer, data.paused);
        tickTimer();
        break;
      case "lobby":
        renderLobby(data.seats);
        break;
      case "asked":
        asked = true;
        $("ask").disabled = true;
        notice(data.message);
        break;
      case "pong":
        clearTimeout(pongTimer);
        break;
    }
  }

  function setTimer(left, paused) {
    timerPaused = paused ? left : null;
    timerEnd = left === null || left === undefined || paused ? null : Date.now() + left * 1000;
  }

  function refused(data) {
    if (data.code === "bad_token") { store(TOKEN_KEY, null); showJoin(); }
    if (data.code === "request_refused") { asked = false; $("ask").disabled = false; }
    if (data.code === "bad_pin" || data.code === "no_pin") pin = "";
    if (pending && data.id === pending.id) pending = null;
    notice(data.message);
    if (board) render();
  }

  function resendPending() {
    // After a reconnect the host may or may not have the decision: the id makes a resend safe.
    if (pending && pending.version !== version) { pending = null; return; }
    if (pending && !pending.sent) { pending.sent = true; send({ type: "decide", id: pending.id, version: version, decision: pending.decision }); }
  }

  function decide(decision) {
    if (pending) return;
    pending = { id: newId(), decision: decision, version: version, sent: true };
    notice("");
    if (!send({ type: "decide", id: pending.id, version: version, decision: decision })) pending.sent = false;
    render();
  }

  // --- drawing ---------------------------------------------------------------------------------------

  function showJoin() {
    $("join").hidden = false;
    $("board").hidden = true;
    $("code").focus();
    send({ type: "lobby" });
  }

  function renderLobby(seats) {
    const select = $("ask-seat");
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const s of seats) {
      const option = el("option", s.name + (s.status === "empty" ? "" : " (" + s.status + ")"));
      option.value = s.id;
      select.appendChild(option);
    }
    select.value = chosen;
  }

  function renderRequests(requests, seats) {
    $("requests-box").hidden = requests.length === 0;
    const body = $("requests");
    const chosen = {}; // the teacher's choice of seat survives the table being drawn again
    for (const pick of body.querySelectorAll("select")) if (pick.dataset.touched) chosen[pick.dataset.request] = pick.value;
    const focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.id : "";
    clear(body);
    for (const r of requests) {
      const row = el("tr");
      row.appendChild(el("td", r.number));
      row.appendChild(el("td", r.name || "(no name)"));
      const pick = el("select");
      pick.setAttribute("aria-label", "Seat for request " + r.number);
      for (const s of seats) {
        const option = el("option", s.name + " (" + s.status + ")");
        option.value = s.actor;
        pick.appendChild(option);
      }
      pick.id = "pick-" + r.id;
      pick.dataset.request = r.id;
      pick.onchange = () => { pick.dataset.touched = "1"; };
      if (chosen[r.id] !== undefined) { pick.value = chosen[r.id]; pick.dataset.touched = "1"; } else if (r.actor) pick.value = r.actor;
      const cell = el("td"); cell.appendChild(pick); row.appendChild(cell);
      const answer = el("td");
      const yes = el("button", "Let in", "accept");
      yes.type = "button"; yes.dataset.request = r.id; yes.id = "let-" + r.id;
      yes.onclick = () => send({ type: "facilitate", pin: pin, action: "approve", request: r.id, actor: pick.value });
      const no = el("button", "Refuse", "reject quiet");
      no.type = "button"; no.dataset.request = r.id; no.id = "refuse-" + r.id;
      no.onclick = () => send({ type: "facilitate", pin: pin, action: "refuse", request: r.id });
      answer.appendChild(yes); answer.appendChild(no);
      row.appendChild(answer);
      body.appendChild(row);
    }
    if (focused && $(focused)) $(focused).focus();
  }

  function renderTeacherTimer(left, paused) {
    const timed = left !== null && left !== undefined;
    $("pause").hidden = $("extend").hidden = !timed;
    $("pause").textContent = paused ? "Resume the timer" : "Pause the timer";
    $("pause").dataset.paused = paused ? "1" : "";
    $("teacher-timer").textContent = !timed ? "No phase timer is running." :
      (paused ? "Timer paused at " : "Time left: ") + clock(left);
  }

  function clock(seconds) {
    const left = Math.max(0, Math.round(seconds));
    return Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }

  function render() {
    if (!board) return;
    $("join").hidden = true;
    $("board").hidden = false;
    $("title").textContent = board.title;
    $("when").textContent = board.over ? "Game over" : board.turn_label + " (turn " + board.turn + " of " + board.turns + ") · " + board.phase;
    renderMe();
    renderOffers();
    renderMoves();
    renderVars();
    renderList("news", board.news.length ? board.news : ["No news this turn."]);
    renderList("log", board.log.map((e) => e.text));
    $("objectives-box").hidden = !board.objectives;
    if (board.objectives) {
      const list = $("objectives"); clear(list);
      for (const o of board.objectives) list.appendChild(el("li", o.text + " — " + o.note, o.met ? "met" : ""));
    }
    $("fate-box").hidden = !board.fate;
    if (board.fate) renderList("fate", board.fate.length ? board.fate.map((e) => "Turn " + e.turn + ": " + e.text) : ["Nothing yet."]);
    renderDebrief();
  }

  function renderMe() {
    const me = board.me;
    $("me").hidden = false;
    if (!me) {
      $("me-name").textContent = "Public board";
      $("status").textContent = board.over ? "The game is over." : "You are watching.";
      $("briefing").parentElement.hidden = true;
      return;
    }
    $("me-name").textContent = me.name + " · score " + me.score;
    $("briefing").parentElement.hidden = false;
    $("briefing").textContent = me.briefing;
    let status;
    if (board.over) status = "The game is over: see the debrief below.";
    else if (pending) status = "Sending your decision…";
    else if (board.awaiting && board.phase === "responses") status = "Answer the offers made to you.";
    else if (board.awaiting) status = "Your move: choose a move or pass.";
    else status = "Waiting for the other teams…";
    $("status").textContent = status;
  }

  function renderOffers() {
    const box = $("offers"); clear(box);
    const offers = board.offers || [];
    $("offers-box").hidden = offers.length === 0;
    for (const offer of offers) {
      const div = el("div", null, "offer");
      div.appendChild(el("strong", offer.from + " proposes: " + offer.title));
      if (offer.description) div.appendChild(el("p", offer.description));
      div.appendChild(el("p", "They give: " + offer.offer.join("; ")));
      if (!offer.parties) div.appendChild(el("p", "You give: " + offer.ask.join("; ")));
      if (offer.effects.length) div.appendChild(el("p", "Also: " + offer.effects.join("; ")));
      for (const term of offer.terms || []) div.appendChild(el("p", term.heading + ": " + term.lines.join("; ")));
      if (offer.parties) div.appendChild(el("p", offer.parties + ": one no stops the deal."));
      const yes = el("button", "Accept", "accept");
      yes.type = "button"; yes.dataset.proposal = offer.id; yes.disabled = !!pending;
      yes.onclick = () => decide({ kind: "answer", proposal: offer.id, accept: true });
      const no = el("button", "Reject", "reject quiet");
      no.type = "button"; no.dataset.proposal = offer.id; no.disabled = !!pending;
      no.onclick = () => decide({ kind: "answer", proposal: offer.id, accept: false });
      div.appendChild(yes); div.appendChild(no);
      box.appendChild(div);
    }
  }

  function renderMoves() {
    const moves = board.moves || [];
    $("moves-box").hidden = moves.length === 0;
    $("orders").textContent = board.orders && board.orders.length ? "Chosen this turn: " + board.orders.join(", ") : "";
    const box = $("moves"); clear(box);
    moves.forEach((move, index) => {
      const card = el("button", null, "card move");
      card.type = "button";
      card.dataset.move = move.move;
      card.dataset.target = move.target || "";
      card.disabled = !move.available || !!pending;
      card.appendChild(el("span", (index + 1) + ". " + move.title, "t"));
      if (move.description) card.appendChild(el("span", move.description, "d"));
      card.appendChild(el("span", "Cost: " + move.cost, "c"));
      if (move.effects) card.appendChild(el("span", "Effects: " + move.effects, "e"));
      if (move.note) card.appendChild(el("span", move.note, "n"));
      card.onclick = () => decide({ kind: "move", move: move.move, target: move.target });
      box.appendChild(card);
    });
    $("pass").disabled = !!pending;
  }

  function renderVars() {
    const body = $("vars"); clear(body);
    for (const v of board.variables) {
      const row = el("tr", null, v.critical !== null && v.value < v.critical ? "low" : "");
      row.appendChild(el("td", v.owner + " " + v.label.toLowerCase() + (v.private ? " (private)" : "")));
      row.appendChild(el("td", v.value, "v"));
      body.appendChild(row);
    }
    renderList("tracks", board.tracks.map((t) => t.name + ": " + t.state));
    renderList("scores", board.actors.map((a) => a.name + ": " + a.score + (a.bot ? " (bot)" : "")));
  }

  function renderList(id, items) {
    const list = $(id); clear(list);
    for (const item of items) list.appendChild(el("li", item));
  }

  function renderDebrief() {
    const d = board.debrief;
    $("debrief").hidden = !d;
    if (!d) return;
    $("moves-box").hidden = true;
    $("offers-box").hidden = true;
    $("ending").textContent = d.ending + (d.winners.length ? " — won by " + d.winners.join(", ") : "");
    renderList("final-scores", d.scores.map((s) => s.name + ": " + s.score));
    renderList("hidden", d.hidden.length ? d.hidden.map((h) => "Turn " + h.turn + ": " + h.text) : ["Nothing was hidden."]);
    renderList("all-objectives", d.objectives.map((o) => o.actor + ": " + o.text + " — " + o.note));
    renderList("questions", d.questions);
  }

  function renderSeats(seats) {
    $("teacher").hidden = false;
    const body = $("seats"); clear(body);
    for (const s of seats) {
      const row = el("tr");
      row.appendChild(el("td", s.name));
      row.appendChild(el("td", s.code));
      row.appendChild(el("td", s.status));
      const cell = el("td");
      const bot = el("button", s.bot ? "Hand back to the team" : "Bot stands in", "quiet");
      bot.type = "button";
      bot.onclick = () => send({ type: "facilitate", pin: pin, action: s.bot ? "person" : "bot", actor: s.actor });
      const code = el("button", "New code", "quiet");
      code.type = "button";
      code.onclick = () => send({ type: "facilitate", pin: pin, action: "code", actor: s.actor });
      cell.appendChild(bot); cell.appendChild(code);
      row.appendChild(cell);
      body.appendChild(row);
    }
  }

  // --- the teacher steers the game ----------------------------------------------------------------

  let steer = null; // the newest steering panel (events, numbers, tracks, undo turns)

  function fillSelect(select, items) {
    // Options change only when the list does, so the teacher's choice survives the panel coming again.
    const key = JSON.stringify(items.map((i) => [i.value, i.text]));
    if (select.dataset.key === key) return;
    const chosen = select.value;
    clear(select);
    for (const item of items) { const option = el("option", item.text); option.value = item.value; select.appendChild(option); }
    select.dataset.key = key;
    if (items.some((i) => i.value === chosen)) select.value = chosen;
  }

  function chosenVariable() { return steer && steer.variables.find((v) => v.ref === $("steer-variable").value); }

  function showValue() {
    // The number box shows the chosen number's value and bounds (until the teacher types in it).
    const v = chosenVariable(), box = $("steer-value");
    if (!v) return;
    box.min = v.low; box.max = v.high;
    if (!box.dataset.touched) box.value = v.value;
  }

  function showStates() {
    const track = steer && steer.tracks.find((t) => t.id === $("steer-track").value);
    if (!track) return;
    const pick = $("steer-state");
    fillSelect(pick, track.states.map((s) => ({ value: s.id, text: s.label + (s.id === track.state ? " (now)" : "") })));
    if (!pick.dataset.touched) pick.value = track.state;
  }

  function renderSteer(panel) {
    steer = panel;
    const running = !panel.over;
    fillSelect($("steer-event"), panel.events.map((e) => ({ value: e.id, text: e.title })));
    fillSelect($("steer-variable"), panel.variables.map((v) => ({ value: v.ref,
      text: v.owner + " " + v.label.toLowerCase() + (v.private ? " (private)" : "") + ": " + v.value + " (" + v.low + " to " + v.high + ")" })));
    fillSelect($("steer-track"), panel.tracks.map((t) => ({ value: t.id, text: t.name })));
    showValue();
    showStates();
    for (const id of ["inject", "set-variable", "set-track"]) $(id).disabled = !running;
    $("inject-form").hidden = panel.events.length === 0;
    $("track-form").hidden = panel.tracks.length === 0;
    undoButton("undo-this", panel.turn, "this turn", panel.undo);
    undoButton("undo-last", panel.turn - 1, "the last turn", panel.undo);
  }

  function undoButton(id, turn, words, allowed) {
    const button = $(id);
    if (button.dataset.armed && button.dataset.armed !== String(turn)) delete button.dataset.armed; // the turn moved on
    button.dataset.turn = turn;
    button.disabled = !allowed.includes(turn);
    if (!button.dataset.armed) button.textContent = "Undo to the start of " + words + (turn >= 1 ? " (turn " + turn + ")" : "");
  }

  function pressUndo(id) {
    // Two presses, as for ending the game: a stray click must not throw away a turn's play.
    const button = $(id);
    if (!button.dataset.armed) { button.dataset.armed = button.dataset.turn; button.textContent = "Press again to go back to the start of turn " + button.dataset.turn; return; }
    delete button.dataset.armed;
    send({ type: "facilitate", pin: pin, action: "undo", turn: Number(button.dataset.turn) });
    if (steer) renderSteer(steer);
  }

  function steerInputs() {
    $("inject-form").addEventListener("submit", (event) => {
      event.preventDefault();
      send({ type: "facilitate", pin: pin, action: "inject", event: $("steer-event").value });
    });
    $("variable-form").addEventListener("submit", (event) => {
      event.preventDefault();
      send({ type: "facilitate", pin: pin, action: "set_variable", ref: $("steer-variable").value, value: Number($("steer-value").value) });
      delete $("steer-value").dataset.touched;
    });
    $("steer-variable").addEventListener("change", () => { delete $("steer-value").dataset.touched; showValue(); });
    $("steer-value").addEventListener("input", () => { $("steer-value").dataset.touched = "1"; });
    $("track-form").addEventListener("submit", (event) => {
      event.preventDefault();
      send({ type: "facilitate", pin: pin, action: "set_track", track: $("steer-track").value, state: $("steer-state").value });
      delete $("steer-state").dataset.touched;
    });
    $("steer-track").addEventListener("change", () => { delete $("steer-state").dataset.touched; showStates(); });
    $("steer-state").addEventListener("change", () => { $("steer-state").dataset.touched = "1"; });
    for (const id of ["undo-this", "undo-last"]) {
      $(id).addEventListener("click", () => pressUndo(id));
      $(id).addEventListener("blur", () => { delete $(id).dataset.armed; if (steer) renderSteer(steer); });
    }
  }

  function tickTimer() {
    const node = $("timer");
    if ((timerEnd === null && timerPaused === null) || !board || board.over) { node.hidden = true; return; }
    node.hidden = false;
    if (timerPaused !== null) { node.textContent = "Timer paused by the teacher at " + clock(timerPaused); return; }
    node.textContent = "Time left: " + clock((timerEnd - Date.now()) / 1000);
  }

  // --- the person's input -------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("claim-form").addEventListener("submit", (event) => {
      event.preventDefault();
      store(ROLE_KEY, null);
      send({ type: "claim", code: $("code").value });
    });
    $("watch").addEventListener("click", () => { store(ROLE_KEY, "watch"); send({ type: "watch" }); });
    $("ask-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (asked) return;
      store(ROLE_KEY, null);
      send({ type: "request", seat: $("ask-seat").value, name: $("ask-name").value });
    });
    $("pause").addEventListener("click", () => send({ type: "facilitate", pin: pin, action: $("pause").dataset.paused ? "resume" : "pause" }));
    $("extend").addEventListener("click", () => send({ type: "facilitate", pin: pin, action: "extend" }));
    $("end-game").addEventListener("click", () => {
      // Two presses: a stray click must not end a lesson's game.
      const button = $("end-game");
      if (!button.dataset.armed) { button.dataset.armed = button.dataset.turn; button.textContent = "Press again to end the game now"; return; }
      delete button.dataset.armed;
      button.textContent = "End the game now (debrief)";
      send({ type: "facilitate", pin: pin, action: "end_game" });
    });
    $("end-game").addEventListener("blur", () => { delete $("end-game").dataset.armed; $("end-game").textContent = "End the game now (debrief)"; });
    $("pin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      pin = $("pin").value;
      send({ type: "facilitate", pin: pin, action: "seats" });
    });
    $("end-phase").addEventListener("click", () => send({ type: "facilitate", pin: pin, action: "end_phase" }));
    steerInputs();
    $("pass").addEventListener("click", () => decide({ kind: "move", move: "pass" }));
    document.addEventListener("keydown", (event) => {
      // Number keys pick a move card (as in the desktop interface); 0 passes.
      if (event.target instanceof HTMLInputElement || !board || !board.moves || !board.moves.length) return;
      if (event.key === "0") { $("pass").click(); return; }
      const n = Number(event.key);
      if (n >= 1 && n <= 9) {
        const card = document.querySelectorAll("#moves .card")[n - 1];
        if (card && !card.disabled) card.click();
      }
    });
    setInterval(tickTimer, 500);
    connect();
  });
})();
