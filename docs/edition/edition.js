// The browser editor of the CRTE's living layer (Decap CMS): reads the configuration the
// build wrote (config.yml, from crte/data/cms.py), then starts Decap with a file format
// that writes YAML exactly as `make check` reads it (crte/data/reader.py, fields.py):
// - every text double-quoted ("1950206.00", "2022-06-14", "19.10", "NO" stay texts),
//   a multi-line text as a `|-` block; numbers and true/false plain (`chantier: 14`);
// - empty optional fields left out (absent, never 0 or "");
// - keys in declared order; the first line names the file's JSON Schema;
// - a change written `- modifier_action: {...}`: Decap's typed list keeps the kind in
//   the item (typeKey), moved back to a key here, and out of it when a file is read;
// - a form field whose name starts with "_" names the file (an action's or an
//   indicator's id): it is not written in the file, and is read back from its name.
import { Document, parse, visit } from './yaml/index.js';

const say = (text) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = text;
  document.body.prepend(p);
};

const fieldsOf = (collection) => collection.fields ?? collection.files?.[0]?.fields ?? [];
const empty = (v) => v === undefined || v === null || v === ''
  || (Array.isArray(v) && v.length === 0)
  || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
// A select whose values are numbers (chantiers, articles…) or a number field: a plain integer.
const integer = (field) => field && (field.value_type === 'int'
  || (field.widget === 'select' && (field.options ?? []).every((o) => typeof (o?.value ?? o) === 'number')
      && (field.options ?? []).length > 0));

function written(value, field) {
  if (empty(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => writtenItem(item, field)).filter((item) => !empty(item));
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') return writtenMap(value, field?.fields ?? []);
  if (typeof value === 'string' && integer(field) && /^[0-9]+$/.test(value)) return Number(value);
  return value;
}

function writtenItem(item, field) {
  if (field?.types && item && typeof item === 'object') {
    const { [field.typeKey]: kind, ...rest } = item;
    const type = field.types.find((t) => t.name === kind);
    const body = writtenMap(rest, type?.fields ?? []);
    return body === undefined ? undefined : { [kind]: body };
  }
  if (field?.fields) return writtenMap(item, field.fields);
  return written(item, field?.field ?? field);
}

function writtenMap(map, fields, top = false) {
  const out = {};
  const known = fields.map((f) => f.name);
  const keys = [...known.filter((k) => k in map), ...Object.keys(map).filter((k) => !known.includes(k))];
  for (const key of keys) {
    if (top && key.startsWith('_')) continue;
    const value = written(map[key], fields.find((f) => f.name === key));
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

function read(value, field) {
  if (Array.isArray(value)) return value.map((item) => readItem(item, field));
  if (value && typeof value === 'object') return readMap(value, field?.fields ?? []);
  return value;
}

function readItem(item, field) {
  if (field?.types && item && typeof item === 'object' && Object.keys(item).length === 1) {
    const [kind] = Object.keys(item);
    const type = field.types.find((t) => t.name === kind);
    if (type) return { [field.typeKey]: kind, ...readMap(item[kind] ?? {}, type.fields ?? []) };
  }
  if (field?.fields) return readMap(item, field.fields);
  return item;
}

function readMap(map, fields) {
  const out = {};
  for (const [key, value] of Object.entries(map)) out[key] = read(value, fields.find((f) => f.name === key));
  return out;
}

// The value of the file-name field in a file read: any text, never written; the field
// shows the file's name (registerFileField).
const EXISTING = '(fichier existant)';

function format(collection) {
  const fields = fieldsOf(collection);
  const named = fields.find((f) => f.name.startsWith('_'));
  return {
    fromFile(content) {
      const data = readMap(parse(content) ?? {}, fields);
      return named ? { [named.name]: EXISTING, ...data } : data;
    },
    toFile(data) {
      const doc = new Document(writtenMap(data, fields, true) ?? {}, { aliasDuplicateObjects: false });
      visit(doc, {
        Scalar(key, node) {
          if (key !== 'key' && typeof node.value === 'string') {
            node.type = node.value.includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
          }
        },
      });
      if (collection.crte_entete) doc.commentBefore = collection.crte_entete.replace(/^#/, '');
      return doc.toString({ lineWidth: 0, indentSeq: true });
    },
  };
}

// The field that names the file: a select, to choose for a new file; for a file that
// exists, it shows the file's name, and cannot change (nor mark the entry as changed).
function registerFileField(CMS) {
  const select = CMS.getWidget('select');
  const FileField = window.createClass({
    render() {
      const { entry, value } = this.props;
      if (value !== EXISTING || !entry) return window.h(select.control, this.props);
      return window.h(select.control, { ...this.props, value: entry.get('slug'), isDisabled: true });
    },
  });
  CMS.registerWidget('crte-fichier', FileField, select.preview, select.schema);
}

async function start() {
  const CMS = window.CMS;
  if (!CMS) {
    say("L'éditeur n'est pas installé dans cette construction du site : lancez « make build », qui l'installe "
      + '(npm ci), ou modifiez les fichiers de data/ comme l\'explique CONTRIBUTING.md.');
    return;
  }
  const response = await fetch('config.yml', { cache: 'no-store' });
  if (!response.ok) {
    say(`La configuration de l'éditeur (config.yml) est introuvable (${response.status}) : l'adresse d'édition `
      + '(CRTE_EDIT_URI) n\'est celle d\'aucun dépôt GitHub ou GitLab ; modifiez les fichiers de data/ comme '
      + 'l\'explique CONTRIBUTING.md.');
    return;
  }
  const config = parse(await response.text());
  for (const collection of config.collections) {
    // One format per collection: each knows its fields.
    collection.format = `${collection.format}-${collection.name}`;
    CMS.registerCustomFormat(collection.format, collection.extension, format(collection));
  }
  registerFileField(CMS);
  CMS.init({ config });
}

start();
