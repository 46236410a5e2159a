// The side-by-side page: upload, list, view and correct alignments through the JSON API.
"use strict";

// What the server offers: GET /exports (the export formats and the confidence below which
// beads are flagged) and GET /operations (the corrections it applies), so the page offers
// what the server renders and applies, and marks what the exports flag
let offered = { formats: [], operations: new Set() };

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

const state = {
  picked: [],          // [{file, lang}]
  doc: null,           // the document JSON
  view: null,          // what the shown languages see: GET /documents/{id}/view
  viewAsked: 0,        // the latest view request, so a slow older answer is dropped
  order: [],           // languages in column order
  hidden: new Set(),   // languages not shown
  level: "paragraph",
  bead: 0,             // index of the selected bead
  lang: null,          // selected language in the bead
  item: null,          // selected item id
  busy: false,
  search: null,        // {q, terms, unit, lang, level}: the search hit the grid marks
};

// -- languages --------------------------------------------------------------------------

// Languages are named by the server's language profiles, as the exports name them:
// code -> {code, tag, name, english_name, generic}, or null for a code the server refuses
const languages = new Map();
const asked = new Map(); // code -> the answer on its way

function lookUp(code) {
  if (languages.has(code)) return Promise.resolve(languages.get(code));
  if (!asked.has(code)) {
    const answer = fetch(`/languages/${encodeURIComponent(code)}`)
      .then(async (response) => {
        const found = response.ok ? await response.json() : null;
        if (response.ok || response.status === 422) languages.set(code, found);
        return found;
      })
      .catch(() => null) // offline: ask again next time
      .finally(() => asked.delete(code));
    asked.set(code, answer);
  }
  return asked.get(code);
}

function languageName(code) {
  const found = languages.get(code);
  return found ? found.name : code;
}

function languageTitle(code) {
  const found = languages.get(code);
  return found ? `${found.name} (${found.english_name}, ${found.code})` : code;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// -- status line ------------------------------------------------------------------------

let statusTimer = null;
function say(message, kind = "info") {
  const box = $("#status");
  box.textContent = message;
  box.className = `show ${kind}`;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { box.className = ""; }, kind === "error" ? 9000 : 3500);
}

async function problemText(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || `${response.status} ${response.statusText}`;
  } catch (_) {
    return `${response.status} ${response.statusText}`;
  }
}

// -- changes ----------------------------------------------------------------------------------

// Send a request that changes something. A service reachable from other machines wants its
// API token (401): ask for it once, keep it in this browser, and send it from then on.
// On 127.0.0.1 no token is asked for.
const TOKEN_KEY = "aligner-api-token";

async function send(url, init) {
  for (;;) {
    const token = localStorage.getItem(TOKEN_KEY);
    const auth = token ? { Authorization: `Bearer ${token}` } : {};
    const response = await fetch(url, { ...init, headers: { ...init.headers, ...auth } });
    if (response.status !== 401) return response;
    if (!askToken("to make changes")) return response;
  }
}

// Ask for the API token and keep it; return whether one was given. A private service
// (--private) wants it for reads too: it is also kept as a cookie, which reads and
// download links carry by themselves (writes still send it as a header).
function askToken(why) {
  const given = prompt(
    `This service needs its API token ${why}. It was printed when the service first ` +
    "started and is kept in the file .api-token in its store folder.");
  if (!given || !given.trim()) return false;
  localStorage.setItem(TOKEN_KEY, given.trim());
  keepTokenCookie();
  return true;
}

function keepTokenCookie() {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `aligner-token=${encodeURIComponent(token)}; path=/; SameSite=Strict${secure}`;
}

// a private service answers reads only with the token: ask before the page reads anything
async function readable() {
  keepTokenCookie();
  for (;;) {
    const response = await fetch("/exports");
    if (response.status !== 401 || !askToken("to show its documents")) return;
  }
}

// -- editor name --------------------------------------------------------------------------

function editorName() {
  return $("#editor").value.trim();
}

function requireEditor() {
  const name = editorName();
  if (!name) {
    say("Type your name in the Editor field first: corrections are signed.", "error");
    $("#editor").focus();
    return null;
  }
  return name;
}

// -- upload -------------------------------------------------------------------------------

// the language a file name carries, read by the rule an upload without a language follows
async function guessLang(filename) {
  try {
    const response = await fetch(`/languages/guess?${new URLSearchParams({ filename })}`);
    const found = response.ok ? await response.json() : null;
    if (!found) return "";
    languages.set(found.code, found);
    return found.code;
  } catch (_) {
    return "";
  }
}

async function addFiles(files) {
  const fresh = Array.from(files).filter((file) =>
    !state.picked.some((p) => p.file.name === file.name && p.file.size === file.size));
  const langs = await Promise.all(fresh.map((file) => guessLang(file.name)));
  fresh.forEach((file, i) => state.picked.push({ file, lang: langs[i] }));
  renderPicked();
}

// Say what the server calls a typed language code; `null` while it has not answered
function pickedName(entry) {
  if (!entry.lang) return "guess from text";
  const found = languages.get(entry.lang);
  if (found === undefined) return null;
  if (!found) return "unknown language code";
  return found.generic ? `${found.name} (general rules only)` : found.name;
}

async function nameTyped(entry, label) {
  const code = entry.lang;
  if (code) await lookUp(code);
  if (entry.lang !== code) return; // typed on meanwhile
  label.textContent = pickedName(entry) || "…";
  checkPicked();
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function renderPicked() {
  const table = $("#picked");
  const body = $("tbody", table);
  body.replaceChildren();
  state.picked.forEach((entry, i) => {
    const name = el("span", { class: "lang-name", text: pickedName(entry) || "…" });
    const input = el("input", {
      class: "lang-input", value: entry.lang, size: 6, maxlength: 12, "aria-label": `Language of ${entry.file.name}`,
      placeholder: "auto", list: "language-codes",
      oninput: (event) => {
        entry.lang = event.target.value.trim().toLowerCase();
        name.textContent = pickedName(entry) || "…";
        checkPicked();
        nameTyped(entry, name);
      },
    });
    body.append(el("tr", {},
      el("td", { class: "file" }, entry.file.name),
      el("td", { class: "size" }, formatSize(entry.file.size)),
      el("td", {}, input, " ", name),
      el("td", {}, el("button", {
        type: "button", class: "icon", title: "Remove", "aria-label": `Remove ${entry.file.name}`,
        onclick: () => { state.picked.splice(i, 1); renderPicked(); },
      }, "×")),
    ));
  });
  table.hidden = state.picked.length === 0;
  checkPicked();
}

function checkPicked() {
  const langs = state.picked.map((p) => p.lang).filter(Boolean);
  const repeated = langs.find((lang, i) => langs.indexOf(lang) !== i);
  const unknown = langs.find((lang) => languages.get(lang) === null);
  let note = "";
  if (state.picked.length === 1) note = "Add at least one more language version.";
  else if (repeated) note = `Language ${repeated} is given twice.`;
  else if (unknown) note = `“${unknown}” is not a language code this service knows.`;
  $("#upload-note").textContent = note;
  $("#align-button").disabled =
    state.picked.length < 2 || Boolean(repeated) || Boolean(unknown) || state.busy;
}

async function upload(event) {
  event.preventDefault();
  const form = new FormData();
  for (const entry of state.picked) {
    form.append("files", entry.file, entry.file.name);
    form.append("lang", entry.lang);
  }
  state.busy = true;
  checkPicked();
  $("#upload-note").textContent = "Aligning…";
  try {
    const response = await send("/documents", { method: "POST", body: form });
    if (!response.ok) {
      say(await problemText(response), "error");
      $("#upload-note").textContent = "";
      return;
    }
    const summary = await response.json();
    state.picked = [];
    renderPicked();
    say(response.status === 201 ? "Aligned." : "These files were aligned before: opening that document.");
    location.hash = `#/doc/${encodeURIComponent(summary.id)}`;
  } catch (error) {
    say(`Upload failed: ${error.message}`, "error");
  } finally {
    state.busy = false;
    checkPicked();
  }
}

// -- document list --------------------------------------------------------------------------

async function showList() {
  $("#view").hidden = true;
  $("#home").hidden = false;
  document.title = "Aligner";
  const response = await fetch("/documents");
  if (!response.ok) {
    say(await problemText(response), "error");
    return;
  }
  const docs = await response.json();
  const body = $("#doc-list tbody");
  body.replaceChildren();
  for (const doc of docs) {
    body.append(el("tr", {},
      el("td", {}, el("a", { href: `#/doc/${encodeURIComponent(doc.id)}` }, doc.title)),
      el("td", { class: "langs" }, doc.languages.join(" · ")),
      el("td", { class: "date" }, el("time", { datetime: doc.created }, doc.created.replace("T", " ").replace("Z", " UTC"))),
      el("td", { class: "rev" }, String(doc.revision)),
      el("td", {}, el("button", {
        type: "button", class: "icon danger", title: "Delete", "aria-label": `Delete ${doc.title}`,
        onclick: () => removeDocument(doc),
      }, "Delete")),
    ));
  }
  $("#doc-list").hidden = docs.length === 0;
  $("#no-docs").hidden = docs.length !== 0;
}

async function removeDocument(doc) {
  if (!confirm(`Delete “${doc.title}” and all its revisions?`)) return;
  const response = await send(`/documents/${encodeURIComponent(doc.id)}`, { method: "DELETE" });
  if (!response.ok) say(await problemText(response), "error");
  else say("Deleted.");
  showList();
}

// -- warm: while a document is shown, the service keeps what its corrections need loaded ----

const WARM_EVERY_MS = 20000; // the service holds each word for a minute
let warmTimer = null;

function keepWarm(id) {
  clearInterval(warmTimer);
  warmTimer = null;
  if (!id) return;
  // with the token when there is one, never asking for it: one who cannot correct needs no warmth
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const warm = () => fetch(`/documents/${encodeURIComponent(id)}/warm`, { method: "POST", headers })
    .catch(() => {});
  warm();
  warmTimer = setInterval(warm, WARM_EVERY_MS);
}

// -- document view --------------------------------------------------------------------------

async function showDocument(id) {
  $("#home").hidden = true;
  $("#view").hidden = false;
  const response = await fetch(`/documents/${encodeURIComponent(id)}`);
  if (!response.ok) {
    say(await problemText(response), "error");
    location.hash = "#/";
    return;
  }
  keepWarm(id);
  const sameDoc = state.doc && state.doc.id === id;
  const doc = await response.json();
  await Promise.all(doc.languages.map(lookUp));
  await setDocument(doc, !sameDoc);
}

// The beads the shown languages support and the runs they lack come from the server, which
// derives them the way every export does (a merge only a hidden language made is split).
async function loadView() {
  const asked = ++state.viewAsked;
  const params = new URLSearchParams({ langs: shownLangs().join(","), rev: state.doc.revision });
  const response = await fetch(`/documents/${encodeURIComponent(state.doc.id)}/view?${params}`);
  if (asked !== state.viewAsked) return false;
  if (!response.ok) {
    say(await problemText(response), "error");
    return false;
  }
  state.view = await response.json();
  return true;
}

async function setDocument(doc, fresh) {
  state.doc = doc;
  if (fresh) {
    state.view = null;
    const saved = JSON.parse(localStorage.getItem(`aligner.view.${doc.id}`) || "null");
    state.order = doc.languages.slice();
    state.hidden = new Set();
    if (saved && Array.isArray(saved.order)) {
      const kept = saved.order.filter((lang) => doc.languages.includes(lang));
      state.order = kept.concat(doc.languages.filter((lang) => !kept.includes(lang)));
      state.hidden = new Set((saved.hidden || []).filter((lang) => doc.languages.includes(lang)));
    }
    state.bead = 0;
    state.lang = null;
    state.item = null;
  }
  // a search hit is shown in its language's column even when that column was hidden
  if (state.search && state.hidden.has(state.search.lang)) state.hidden.delete(state.search.lang);
  document.title = `${doc.title} · Aligner`;
  $("#doc-title").textContent = doc.title;
  $("#doc-rev").textContent = `revision ${doc.revision}`;
  renderLanguages();
  renderDownloads();
  if (await loadView()) {
    renderGrid();
    revealHit();
  }
}

async function viewChanged() {
  localStorage.setItem(`aligner.view.${state.doc.id}`,
    JSON.stringify({ order: state.order, hidden: Array.from(state.hidden) }));
  renderDownloads();
  renderGrid(); // the columns at once; the rows once the server says what these languages see
  if (await loadView()) renderGrid();
}

function shownLangs() {
  return state.order.filter((lang) => !state.hidden.has(lang));
}

function renderLanguages() {
  const box = $("#langs");
  box.replaceChildren();
  state.order.forEach((lang, i) => {
    const toggle = el("input", {
      type: "checkbox", checked: !state.hidden.has(lang), "aria-label": `Show ${languageName(lang)}`,
      onchange: (event) => {
        if (event.target.checked) state.hidden.delete(lang);
        else if (shownLangs().length > 1) state.hidden.add(lang);
        else event.target.checked = true;
        viewChanged();
      },
    });
    const shift = (delta) => {
      const j = i + delta;
      [state.order[i], state.order[j]] = [state.order[j], state.order[i]];
      renderLanguages();
      viewChanged();
    };
    box.append(el("span", { class: "chip", dataset: { lang } },
      el("button", { type: "button", class: "nudge", title: "Move column left", "aria-label": `Move ${lang} left`, disabled: i === 0, onclick: () => shift(-1) }, "‹"),
      el("label", { title: languageTitle(lang) }, toggle, " ", lang.toUpperCase()),
      el("button", { type: "button", class: "nudge", title: "Move column right", "aria-label": `Move ${lang} right`, disabled: i === state.order.length - 1, onclick: () => shift(1) }, "›"),
    ));
  });
}

function renderDownloads() {
  const box = $("#downloads");
  box.replaceChildren(el("span", { class: "label" }, "Download"));
  const langs = shownLangs();
  const all = langs.length === state.doc.languages.length && langs.every((l, i) => l === state.doc.languages[i]);
  for (const { name, label, options } of offered.formats) {
    const params = new URLSearchParams({ to: name });
    if (options.includes("langs") && !all) params.set("langs", langs.join(","));
    if (options.includes("level")) params.set("level", state.level);
    // legends, flags' reasons and Word comments in the reader's language, as the browser says
    if (options.includes("locale") && navigator.language) params.set("locale", navigator.language);
    const title = options.includes("langs") ? `${label} of the languages shown, ${state.level} level`
      : `${label}: the stored document, every language and both levels`;
    box.append(el("a", {
      class: "button", href: `/documents/${encodeURIComponent(state.doc.id)}/export?${params}`,
      download: "", title, dataset: { format: name },
    }, label));
  }
}

// spans come from the server (numbers_differ) and count code points, not UTF-16 units
function withNumbers(text, spans) {
  if (!spans.length) return [text];
  const chars = Array.from(text);
  const out = [];
  let last = 0;
  for (const [start, end] of spans) {
    out.push(chars.slice(last, start).join(""));
    out.push(el("mark", { class: "num", title: "not in every version of this bead" }, chars.slice(start, end).join("")));
    last = end;
  }
  out.push(chars.slice(last).join(""));
  return out;
}

// The text of one item. The search hit (the unit found, in its language's column) is
// outlined with the words asked for marked; a sentence found is marked alone in its
// paragraph, and the other languages' text of the bead stays unmarked: it was not found.
function itemText(id, found, block, numbers) {
  const hit = state.search;
  const text = found ? found.sentence.text : block.text;
  const marked = (piece) => el("span", { class: "search-hit" }, ...withMarks(piece, hit.terms));
  if (!hit || !hit.unit) return withNumbers(text, numbers);
  if (id === hit.unit || (found && found.block.id === hit.unit)) return [marked(text)];
  if (!found && hit.unit.startsWith(`${id}.s`)) {
    return block.sentences.flatMap((s, k) => [k ? " " : "", s.id === hit.unit ? marked(s.text) : s.text]);
  }
  return withNumbers(text, numbers);
}

// Select the bead that holds the search hit and bring it into view.
function revealHit() {
  const hit = state.search;
  if (!hit || !hit.unit) return;
  const block = hit.unit.replace(/\.s\d+$/, "");
  const holds = (id) => id === hit.unit || id === block || id.startsWith(`${hit.unit}.s`);
  const list = beads();
  const i = list.findIndex((bead) => (bead.members[hit.lang] || []).some(holds));
  if (i < 0) return;
  const item = list[i].members[hit.lang].find(holds);
  select(i, hit.lang, item);
  const node = $(".search-hit", $(`#grid tbody tr[data-index="${i}"]`));
  if (node) node.scrollIntoView({ block: "center" });
}

function indexDocument(doc) {
  const blocks = new Map();
  const sentences = new Map();
  for (const version of doc.versions) {
    for (const block of version.blocks) {
      blocks.set(block.id, block);
      for (const sentence of block.sentences) sentences.set(sentence.id, { sentence, block });
    }
  }
  const paragraphOf = new Map();
  state.view.paragraphs.forEach((bead, i) => {
    for (const ids of Object.values(bead.members)) for (const id of ids) paragraphOf.set(id, i);
  });
  return { blocks, sentences, paragraphOf };
}

function beads() {
  if (!state.view) return [];
  return state.level === "paragraph" ? state.view.paragraphs : state.view.sentences;
}

// a row across the table that says what a run some shown languages lack holds
function bandRow(gap, columns) {
  return el("tr", { class: "band" },
    el("td", { colspan: String(columns), title: gap.note }, gap.label));
}

function renderGrid() {
  if (!state.view) return;
  const doc = state.doc;
  const langs = shownLangs();
  const index = indexDocument(doc);
  const table = $("#grid");
  table.replaceChildren();
  const head = el("tr", {}, el("th", { class: "num", scope: "col" }, "#"));
  for (const lang of langs) {
    const version = doc.versions.find((v) => v.lang === lang);
    head.append(el("th", { scope: "col", lang, title: languageTitle(lang) },
      el("span", { class: "code" }, lang.toUpperCase()), " ", languageName(lang),
      version.original ? el("span", { class: "pill", title: "the original" }, "original") : null));
  }
  table.append(el("thead", {}, head));
  const body = el("tbody");
  let previousParagraph = -1;
  const list = beads();
  const gapOf = new Map();
  for (const gap of state.view.missing) for (const id of gap.beads) gapOf.set(id, gap);
  const opened = new Set();
  if (state.bead >= list.length) state.bead = Math.max(0, list.length - 1);
  list.forEach((bead, i) => {
    const classes = ["bead"];
    if (bead.review) classes.push("low");
    if (Object.keys(bead.members).length === 1) classes.push("unaligned");
    if (bead.status === "manual") classes.push("manual");
    if (i === state.bead) classes.push("selected");
    let paragraphLabel = null;
    let paragraph = bead.id;
    if (state.level === "sentence") {
      const firstId = Object.values(bead.members)[0][0];
      const p = index.paragraphOf.get(index.sentences.get(firstId).block.id);
      paragraph = state.view.paragraphs[p].id;
      if (p !== previousParagraph) {
        classes.push("pstart");
        paragraphLabel = el("span", { class: "ppar", title: "paragraph bead" }, `¶ ${p + 1}`);
        previousParagraph = p;
      }
    }
    const gap = gapOf.get(paragraph);
    if (gap) {
      classes.push("missing");
      if (!opened.has(gap)) {
        opened.add(gap);
        body.append(bandRow(gap, langs.length + 1));
      }
    }
    const marks = doc.numbers_differ[bead.stored || bead.id] || {};
    const number = el("th", { class: "num", scope: "row" },
      el("span", { class: "n" }, String(i + 1)),
      el("span", { class: "cert", title: "confidence" }, bead.status === "manual" ? "✓" : bead.cert.toFixed(2)),
      paragraphLabel);
    const row = el("tr", { class: classes.join(" "), dataset: { bead: bead.id, index: i } }, number);
    for (const lang of langs) {
      const ids = bead.members[lang] || [];
      const cell = el("td", { lang, dataset: { lang } });
      if (!ids.length) cell.append(el("span", { class: "gap", title: `nothing in ${lang}` }, "—"));
      for (const id of ids) {
        const found = index.sentences.get(id); // none at the paragraph level
        const block = found ? found.block : index.blocks.get(id);
        const item = el("div", {
          class: `item${block.kind === "head" ? " head" : ""}${id === state.item ? " picked" : ""}`,
          dataset: { id, lang },
        });
        const n = found ? `${block.n}.${id.split(".s").pop()}` : block.kind === "head" ? "H" : block.n;
        item.append(el("span", { class: "pn", title: id }, String(n)));
        if (block.speaker && (!found || block.sentences[0].id === id)) {
          item.append(el("b", { class: "speaker" }, block.speaker), " ");
        }
        item.append(...itemText(id, found, block, marks[id] || []));
        cell.append(item);
      }
      row.append(cell);
    }
    row.addEventListener("click", (event) => {
      const item = event.target.closest(".item");
      const cell = event.target.closest("td");
      select(i, item ? item.dataset.lang : cell ? cell.dataset.lang : null, item ? item.dataset.id : null, false);
    });
    body.append(row);
  });
  table.append(body);
  updateActions();
}

function select(beadIndex, lang, item, scroll = true) {
  const list = beads();
  if (!list.length) return;
  state.bead = Math.max(0, Math.min(list.length - 1, beadIndex));
  const bead = list[state.bead];
  const langs = shownLangs().filter((code) => (bead.members[code] || []).length);
  state.lang = lang && langs.includes(lang) ? lang : (langs.includes(state.lang) ? state.lang : langs[0] || null);
  const ids = state.lang ? bead.members[state.lang] : [];
  state.item = item && ids.includes(item) ? item : ids[0] || null;
  for (const row of $$("#grid tbody tr")) {
    row.classList.toggle("selected", Number(row.dataset.index) === state.bead);
  }
  for (const node of $$("#grid .item.picked")) node.classList.remove("picked");
  const selectedRow = $(`#grid tbody tr[data-index="${state.bead}"]`);
  if (selectedRow && state.item) {
    const node = $$(".item", selectedRow).find((n) => n.dataset.id === state.item);
    if (node) node.classList.add("picked");
  }
  if (scroll && selectedRow) selectedRow.scrollIntoView({ block: "nearest" });
  updateActions();
}

function updateActions() {
  const list = beads();
  const bead = list[state.bead];
  const ids = bead && state.lang ? bead.members[state.lang] || [] : [];
  const enable = {
    merge: state.bead < list.length - 1 && !samePart(bead, list[state.bead + 1]),
    split: Boolean(state.item),
    prev: state.bead > 0 && ids.length > 0,
    next: state.bead < list.length - 1 && ids.length > 0,
    unalign: Boolean(state.item) && !(Object.keys(bead.members).length === 1 && ids.length === 1),
    confirm: Boolean(bead),
    cut: state.level === "sentence" && Boolean(state.item),
    join: state.level === "sentence" && Boolean(state.item),
    undo: true,
    redo: true,
    realign: true,
    help: true,
  };
  for (const button of $$(".actions button")) {
    const op = button.dataset.op;
    button.hidden = Boolean(op) && !offered.operations.has(op);
    button.disabled = state.busy || !enable[button.dataset.action];
  }
}

// two rows of one stored bead (a view split it): merging them would change nothing
function samePart(a, b) {
  return Boolean(a && b && a.stored && a.stored === b.stored);
}

// Send a change with the revision it was based on; `done` gets the document it saved.
async function save(path, init, done) {
  state.busy = true;
  updateActions();
  try {
    const response = await send(`/documents/${encodeURIComponent(state.doc.id)}/${path}`, {
      ...init, headers: { ...init.headers, "If-Match": `"rev${state.doc.revision}"` },
    });
    if (response.status === 412) {
      say("Someone saved a newer revision; the page now shows it. Check and try again.", "error");
      await showDocument(state.doc.id);
    } else if (!response.ok) {
      say(await problemText(response), "error");
    } else {
      await done(await response.json());
    }
  } catch (error) {
    say(`Saving failed: ${error.message}`, "error");
  } finally {
    state.busy = false;
    updateActions();
  }
}

function correct(op) {
  const bead = beads()[state.bead];
  if (!bead || state.busy) return;
  if (!offered.operations.has(op.op)) return say(`This server does not offer ${op.op}.`, "error");
  const editor = requireEditor();
  if (!editor) return;
  const operation = { ...op, bead: bead.stored || bead.id, level: state.level };
  const keep = { bead: state.bead, lang: state.lang };
  return save("alignment", {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ editor, operations: [operation] }),
  }, async (doc) => {
    await setDocument(doc, false);
    const target = op.op === "split" ? keep.bead + 1 : op.direction === "prev" ? keep.bead - 1 : keep.bead;
    select(target, keep.lang, op.sentence || null);
    say(doc.changes[doc.changes.length - 1].text);
  });
}

// Undo or redo: the server keeps every revision and stores the one brought back as a new one.
function step(action) {
  if (state.busy) return;
  const editor = requireEditor();
  if (!editor) return;
  const keep = { bead: state.bead, lang: state.lang };
  return save(action, { method: "POST", headers: { "X-Editor": encodeURIComponent(editor) } }, async (doc) => {
    await setDocument(doc, false);
    select(keep.bead, keep.lang, null);
    say(doc.changes[doc.changes.length - 1].text);
  });
}

// Cut the selected sentence where the cursor stands in the dialog (after a space).
function cutSentence() {
  if (state.level !== "sentence" || !state.item) {
    return say("Switch to sentences (p) and click the sentence to cut.", "error");
  }
  const found = indexDocument(state.doc).sentences.get(state.item);
  if (!found) return;
  const text = found.sentence.text;
  const dialog = $("#cut");
  const input = $("#cut-text");
  input.value = text;
  dialog.returnValue = "";
  dialog.onclose = () => {
    if (dialog.returnValue !== "cut") return;
    // the second part begins after a space: the nearest such place to the cursor
    const cursor = input.selectionStart || 0;
    let at = -1;
    for (let i = 1; i < text.length; i++) {
      if (text[i - 1] === " " && (at < 0 || Math.abs(i - cursor) < Math.abs(at - cursor))) at = i;
    }
    if (at < 0) return say("This sentence has no space to cut at.", "error");
    correct({ op: "split-sentence", sentence: state.item, at: Array.from(text.slice(0, at)).length });
  };
  dialog.showModal();
  input.focus();
  input.setSelectionRange(text.length, text.length);
}

function realignDocument() {
  if (state.busy) return;
  say("Re-aligning…");
  return save("realign", { method: "POST" }, async (doc) => {
    await setDocument(doc, false);
    say("Re-aligned; your corrections were kept.");
  });
}

function act(action) {
  switch (action) {
    case "merge": return correct({ op: "merge" });
    case "confirm": return correct({ op: "confirm" });
    case "split":
      if (!state.item) return say("Click the item that should start the new bead.", "error");
      return correct({ op: "split", lang: state.lang, at: state.item });
    case "unalign":
      if (!state.item) return say("Click the item to take out.", "error");
      return correct({ op: "unalign", item: state.item, lang: state.lang });
    case "prev":
    case "next":
      if (!state.lang) return say("Click an item of the language to move.", "error");
      return correct({ op: "move", lang: state.lang, direction: action });
    case "cut": return cutSentence();
    case "join":
      if (state.level !== "sentence" || !state.item) {
        return say("Switch to sentences (p) and click the first of the two sentences.", "error");
      }
      return correct({ op: "join-sentences", sentence: state.item });
    case "undo": return step("undo");
    case "redo": return step("redo");
    case "realign": return realignDocument();
    case "help": return $("#help").showModal();
  }
}

function stepLanguage(delta) {
  const bead = beads()[state.bead];
  if (!bead) return;
  const langs = shownLangs().filter((code) => (bead.members[code] || []).length);
  if (!langs.length) return;
  const ids = langs.flatMap((lang) => bead.members[lang].map((id) => [lang, id]));
  const at = ids.findIndex(([, id]) => id === state.item);
  const [lang, id] = ids[(at + delta + ids.length) % ids.length];
  select(state.bead, lang, id);
}

function onKey(event) {
  if ($("#view").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest && target.closest("input, textarea, select, dialog[open]")) return;
  const keys = {
    j: () => select(state.bead + 1, state.lang, null),
    k: () => select(state.bead - 1, state.lang, null),
    h: () => stepLanguage(-1),
    l: () => stepLanguage(1),
    ArrowLeft: () => stepLanguage(-1),
    ArrowRight: () => stepLanguage(1),
    m: () => act("merge"),
    s: () => act("split"),
    c: () => act("confirm"),
    x: () => act("cut"),
    J: () => act("join"),
    z: () => act("undo"),
    y: () => act("redo"),
    u: () => act("unalign"),
    ArrowUp: () => act("prev"),
    ArrowDown: () => act("next"),
    p: () => setLevel(state.level === "paragraph" ? "sentence" : "paragraph"),
    "?": () => act("help"),
  };
  const run = keys[event.key];
  if (!run) return;
  event.preventDefault();
  run();
}

function setLevel(level) {
  state.level = level;
  for (const radio of $$('input[name="level"]')) radio.checked = radio.value === level;
  state.bead = 0;
  state.item = null;
  renderDownloads();
  renderGrid();
}

// -- wiring -----------------------------------------------------------------------------------

// -- search ---------------------------------------------------------------------------------

// Fold as the index does (case, accents, ё/е, ß/ss), keeping for each folded character the
// offset of the character it came from, so a match in the folded text marks the original.
function folded(text) {
  let out = "";
  const from = [];
  for (let i = 0; i < text.length; i++) {
    let piece = text[i].toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    if (piece === "ß") piece = "ss";
    if (piece === "ё") piece = "е";
    for (const ch of piece) {
      out += ch;
      from.push(i);
    }
  }
  from.push(text.length);
  return { out, from };
}

// The words a query asks for: quoted phrases and words, without OR, exclusions and "*".
function queryTerms(q) {
  const terms = [];
  for (const match of q.matchAll(/-?"([^"]+)"|(\S+)/g)) {
    const raw = match[1] || match[2];
    if (match[0].startsWith("-") || raw === "OR") continue;
    const term = folded(raw.replace(/\*$/, "")).out.trim();
    if (term) terms.push(term);
  }
  return terms;
}

// Return the parts of text as [piece, found] pairs, found where a term starts a word.
function marked(text, terms) {
  const { out, from } = folded(text);
  const hits = [];
  for (const term of terms) {
    let at = out.indexOf(term);
    while (at >= 0) {
      if (at === 0 || !/[\p{L}\p{N}]/u.test(out[at - 1])) hits.push([from[at], from[at + term.length]]);
      at = out.indexOf(term, at + 1);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let pos = 0;
  for (const [start, end] of hits) {
    if (start < pos) continue;
    if (start > pos) parts.push([text.slice(pos, start), false]);
    parts.push([text.slice(start, end), true]);
    pos = end;
  }
  if (pos < text.length) parts.push([text.slice(pos), false]);
  return parts;
}

function withMarks(text, terms) {
  return marked(text, terms).map(([piece, found]) => (found ? el("mark", {}, piece) : piece));
}

function searchFor(event) {
  event.preventDefault();
  const q = $("#search").value.trim();
  if (!q) return;
  const params = new URLSearchParams({ q });
  if ($("#search-lang").value) params.set("lang", $("#search-lang").value);
  location.hash = `#/search?${params}`;
}

let searchAsked = 0;

async function showSearch(params) {
  $("#home").hidden = true;
  $("#view").hidden = true;
  $("#search-view").hidden = false;
  const q = params.get("q") || "";
  $("#search").value = q;
  document.title = `${q} · Aligner`;
  await fillSearchLanguages(params.get("lang") || "");
  const list = $("#search-results");
  list.replaceChildren();
  // the page may ask twice (its first route and a search typed meanwhile): the last answers
  const asked = ++searchAsked;
  const response = await fetch(`/search?${params}`);
  if (asked !== searchAsked) return;
  if (!response.ok) {
    $("#search-note").textContent = await problemText(response);
    return;
  }
  const hits = await response.json();
  if (asked !== searchAsked) return;
  $("#search-note").textContent = hits.length
    ? `${hits.length} result${hits.length === 1 ? "" : "s"} for ${q}`
    : `Nothing found for ${q}.`;
  const terms = queryTerms(q);
  for (const hit of hits) {
    const rows = [[hit.lang, hit.text, true], ...hit.counterparts.map((c) => [c.lang, c.text, false])];
    list.append(el("li", { class: "hit" },
      el("div", { class: "hit-head" },
        el("a", { href: hitLink(hit, q) }, hit.title),
        el("span", { class: "note" }, ` ${hit.date || ""} · ${hit.bead}`)),
      el("dl", {}, ...rows.flatMap(([lang, text, found]) => [
        el("dt", { title: languageName(lang) }, lang),
        el("dd", { lang, class: found ? "found" : "" }, ...(found ? withMarks(text, terms) : [text])),
      ])),
    ));
  }
}

// Where a hit opens: its document, at the hit's level, with the hit marked in its column
function hitLink(hit, q) {
  const params = new URLSearchParams({ q, unit: hit.unit, lang: hit.lang, level: hit.level });
  return `#/doc/${encodeURIComponent(hit.doc)}?${params}`;
}

// What a document's address asks to mark: #/doc/ID?q=…&unit=…&lang=…&level=…
function searchOf(params) {
  const q = params.get("q");
  if (!q) return null;
  const level = params.get("level");
  return { q, terms: queryTerms(q), unit: params.get("unit"), lang: params.get("lang"),
    level: level === "sentence" || level === "paragraph" ? level : null };
}

async function fillSearchLanguages(chosen) {
  const select = $("#search-lang");
  if (select.options.length === 1) {
    const response = await fetch("/documents");
    const docs = response.ok ? await response.json() : [];
    const langs = [...new Set(docs.flatMap((doc) => doc.languages))].sort();
    for (const lang of langs) select.append(el("option", { value: lang }, `${languageName(lang)} (${lang})`));
  }
  select.value = chosen;
}

function route() {
  $("#search-view").hidden = true;
  const search = location.hash.match(/^#\/search\?(.*)$/);
  if (search) {
    keepWarm(null);
    showSearch(new URLSearchParams(search[1]));
    return;
  }
  const match = location.hash.match(/^#\/doc\/([^?]+)(?:\?(.*))?$/);
  if (match) {
    state.search = searchOf(new URLSearchParams(match[2] || ""));
    if (state.search && state.search.level && state.search.level !== state.level) {
      state.level = state.search.level;
      for (const radio of $$('input[name="level"]')) radio.checked = radio.value === state.level;
    }
    showDocument(decodeURIComponent(match[1]));
  } else {
    keepWarm(null);
    showList();
  }
}

async function init() {
  const editor = $("#editor");
  editor.value = localStorage.getItem("aligner.editor") || "";
  editor.addEventListener("change", () => localStorage.setItem("aligner.editor", editorName()));

  const drop = $("#drop");
  const input = $("#file-input");
  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    addFiles(event.dataTransfer.files);
  });
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
  });
  $("#upload-form").addEventListener("submit", upload);
  $("#search-form").addEventListener("submit", searchFor);

  for (const button of $$(".actions button")) {
    button.addEventListener("click", () => act(button.dataset.action));
  }
  for (const radio of $$('input[name="level"]')) {
    radio.addEventListener("change", () => setLevel(radio.value));
  }
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", route);
  await readable();
  const [exportsOffered, operations, profiled] = await Promise.all(
    [fetch("/exports"), fetch("/operations"), fetch("/languages")]);
  if (exportsOffered.ok) Object.assign(offered, await exportsOffered.json());
  if (operations.ok) offered.operations = new Set((await operations.json()).map((o) => o.op));
  if (profiled.ok) {
    const list = $("#language-codes");
    for (const found of await profiled.json()) {
      languages.set(found.code, found);
      list.append(el("option", { value: found.code }, found.name));
    }
  }
  route();
}

document.addEventListener("DOMContentLoaded", init);
