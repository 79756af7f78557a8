/**
 * The web checker page: reads the form or a pasted HAR / header text (through
 * `corset check`'s own input reader), runs the browser model in the page, builds the
 * doctor's report and renders it. No network: the page's CSP (`connect-src 'none'`,
 * added at build time) forbids it, and nothing here asks for it.
 */
import './style.css';
import {
  type CredentialsMode,
  type Exchange,
  evaluate,
  type ModelResult,
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
  type RequestMode,
} from '../../src/browser/index.js';
import { readRecording, recordingReport, redactDeep } from '../../src/doctor/input/index.js';
import { buildReport, type DoctorReport, renderReportHtml } from '../../src/doctor/report/index.js';
import { el } from './dom.js';
import { EXAMPLES } from './examples.js';
import { type CheckerForm, formToExchange, type StepForm } from './form-exchange.js';
import { renderOutcome, renderProblems } from './render.js';
import { exchangeSecrets } from './secrets.js';
import { checkVaryOrigin, varyNote } from './vary-check.js';

const DEFAULT_PROFILES: readonly ProfileName[] = ['chrome', 'firefox', 'safari'];

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`web checker: #${id} missing from index.html`);
  return element as T;
}

const stepsBox = byId<HTMLDivElement>('steps');
const template = byId<HTMLTemplateElement>('step-template');
const results = byId<HTMLElement>('results');
const problems = byId<HTMLElement>('problems');

function renumber(): void {
  stepsBox.querySelectorAll('fieldset.step').forEach((step, index) => {
    const number = step.querySelector('.step-number');
    if (number) number.textContent = String(index + 1);
  });
}

function addStep(): void {
  const fragment = template.content.cloneNode(true) as DocumentFragment;
  const step = fragment.querySelector('fieldset.step');
  step?.querySelector('.remove-step')?.addEventListener('click', () => {
    step.remove();
    renumber();
  });
  stepsBox.append(fragment);
  renumber();
}

function fieldValue(step: Element, name: keyof StepForm): string {
  const input = step.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    `[data-field="${name}"]`,
  );
  return input?.value ?? '';
}

function readForm(): CheckerForm {
  const steps = [...stepsBox.querySelectorAll('fieldset.step')].map(
    (step): StepForm => ({
      label: fieldValue(step, 'label'),
      method: fieldValue(step, 'method'),
      url: fieldValue(step, 'url'),
      credentials: fieldValue(step, 'credentials') as CredentialsMode,
      mode: fieldValue(step, 'mode') as RequestMode,
      requestHeaders: fieldValue(step, 'requestHeaders'),
      preflightStatus: fieldValue(step, 'preflightStatus'),
      preflightHeaders: fieldValue(step, 'preflightHeaders'),
      actualStatus: fieldValue(step, 'actualStatus'),
      actualHeaders: fieldValue(step, 'actualHeaders'),
      expectCookies: fieldValue(step, 'expectCookies'),
      expectHeaders: fieldValue(step, 'expectHeaders'),
    }),
  );
  return { page: byId<HTMLInputElement>('page').value, steps };
}

/** Puts `form` into the page's fields, one fieldset per step. */
function fillForm(form: CheckerForm): void {
  byId<HTMLInputElement>('page').value = form.page;
  stepsBox.replaceChildren();
  for (const step of form.steps) {
    addStep();
    const box = stepsBox.lastElementChild;
    if (box === null) continue;
    for (const [name, value] of Object.entries(step)) {
      const input = box.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
        `[data-field="${name}"]`,
      );
      if (input) input.value = value;
    }
  }
}

function onExample(): void {
  const example = EXAMPLES.find((e) => e.name === byId<HTMLSelectElement>('example').value);
  if (example === undefined) return;
  fillForm(example.form);
  byId<HTMLFormElement>('form-panel').requestSubmit();
}

function selectedProfiles(): ProfileName[] {
  return PROFILE_NAMES.filter((name) => byId<HTMLInputElement>(`profile-${name}`).checked);
}

/** A button that saves `text` as a file, made in the page (a `blob:` URL, nothing sent). */
function download(label: string, name: string, type: string, text: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'download', 'data-download': name }, label);
  button.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = el('a', { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
  return button;
}

/**
 * Runs the model on `exchange` in the selected profiles, turns the result into the
 * doctor's report with `toReport`, adds the header findings, and shows it.
 */
function check(exchange: Exchange, toReport: (result: ModelResult) => DoctorReport): void {
  const profiles = selectedProfiles();
  if (profiles.length === 0) {
    renderProblems(problems, ['Choose at least one browser.']);
    return;
  }
  renderProblems(problems, []);
  const base = toReport(evaluate(exchange, profiles));
  // Cookie values and credentials are redacted wherever quoted, as corset check does.
  const secrets = exchangeSecrets(exchange);
  const report: DoctorReport = redactDeep(
    { ...base, notes: [...base.notes, ...checkVaryOrigin(exchange).map(varyNote)] },
    secrets,
  );
  const consoles = redactDeep(evaluate(exchange, ['chrome', 'firefox']), secrets);
  renderOutcome(results, { report, consoles }, [
    download(
      'Save the JSON report',
      'corset-report.json',
      'application/json',
      `${JSON.stringify(report, null, 2)}\n`,
    ),
    download('Save the HTML report', 'corset-report.html', 'text/html', renderReportHtml(report)),
  ]);
  results.scrollIntoView({ block: 'start' });
}

// The form's labels, for problems about a field.
const FIELD_NAMES: Readonly<Record<string, string>> = {
  page: 'Page',
  steps: 'Requests',
  url: 'URL',
  requestHeaders: 'request headers',
  preflightStatus: 'preflight status',
  preflightHeaders: 'preflight response headers',
  actualStatus: 'response status',
  actualHeaders: 'response headers',
};

function fieldLabel(field: string): string {
  const match = /^steps\.(\d+)\.(\w+)$/.exec(field);
  if (match === null) return FIELD_NAMES[field] ?? field;
  const name = match[2] ?? '';
  return `Request ${Number(match[1]) + 1}, ${FIELD_NAMES[name] ?? name}`;
}

function onSubmit(event: SubmitEvent): void {
  event.preventDefault();
  const built = formToExchange(readForm());
  if (!built.ok) {
    results.replaceChildren();
    renderProblems(
      problems,
      built.problems.map((p) => `${fieldLabel(p.field)}: ${p.message}`),
    );
    return;
  }
  check(built.exchange, (result) => buildReport({ tool: 'web', result }));
}

function onPaste(): void {
  const text = byId<HTMLTextAreaElement>('paste').value;
  const page = byId<HTMLInputElement>('paste-page').value.trim();
  const credentials = byId<HTMLSelectElement>('paste-credentials').value;
  const read = readRecording(text, {
    ...(page === '' ? {} : { page }),
    ...(credentials === '' ? {} : { credentials: credentials as CredentialsMode }),
  });
  if (!read.ok) {
    results.replaceChildren();
    renderProblems(
      problems,
      read.problems.map((p) => (p.fix === undefined ? p.message : `${p.message} ${p.fix}`)),
    );
    return;
  }
  const { recording } = read;
  byId('paste-status').textContent =
    `Read ${recording.format === 'har' ? 'a HAR' : 'header text'}${recording.recorder === undefined ? '' : ` from ${recording.recorder.name}`}: ${recording.requests.length} cross-origin request${recording.requests.length === 1 ? '' : 's'}.`;
  if (recording.requests.length === 0) {
    results.replaceChildren();
    renderProblems(
      problems,
      recording.notes.map((n) => (n.fix === undefined ? n.message : `${n.message} ${n.fix}`)),
    );
    return;
  }
  check(recording.exchange, (result) => recordingReport(recording, result, { tool: 'web' }));
}

async function onFile(): Promise<void> {
  const file = byId<HTMLInputElement>('paste-file').files?.[0];
  if (file === undefined) return;
  byId<HTMLTextAreaElement>('paste').value = await file.text();
  byId('paste-status').textContent = `Loaded ${file.name} (${file.size} bytes), not sent anywhere.`;
}

function selectTab(tab: 'form' | 'paste'): void {
  for (const name of ['form', 'paste'] as const) {
    byId(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
    byId(`${name}-panel`).hidden = name !== tab;
  }
}

function browserChoices(): void {
  const box = byId<HTMLFieldSetElement>('browsers');
  for (const name of PROFILE_NAMES)
    box.append(
      el(
        'label',
        { class: 'choice', title: PROFILES[name].notes.join(' ') },
        el('input', {
          type: 'checkbox',
          id: `profile-${name}`,
          value: name,
          checked: DEFAULT_PROFILES.includes(name),
        }),
        ` ${name} `,
        el('span', { class: 'hint' }, PROFILES[name].title),
      ),
    );
}

browserChoices();
byId('example').append(...EXAMPLES.map((e) => el('option', { value: e.name }, e.title)));
addStep();
byId('example').addEventListener('change', onExample);
byId('add-step').addEventListener('click', addStep);
byId<HTMLFormElement>('form-panel').addEventListener('submit', onSubmit);
byId('tab-form').addEventListener('click', () => selectTab('form'));
byId('tab-paste').addEventListener('click', () => selectTab('paste'));
byId('check-paste').addEventListener('click', onPaste);
byId('paste-file').addEventListener('change', () => {
  onFile().catch((error: unknown) => {
    byId('paste-status').textContent = `Cannot read the file: ${String(error)}`;
  });
});
