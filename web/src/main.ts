/**
 * The web checker page: reads the form, runs the browser model in the page, and renders
 * the verdicts. No network: the page's CSP (`connect-src 'none'`, added at build time)
 * forbids it, and nothing here asks for it.
 */
import './style.css';
import {
  type CredentialsMode,
  type Exchange,
  evaluate,
  PROFILE_NAMES,
  PROFILES,
  type ProfileName,
  type RequestMode,
} from '../../src/browser/index.js';
import { el } from './dom.js';
import { type CheckerForm, formToExchange, type StepForm } from './form-exchange.js';
import { renderOutcome, renderProblems } from './render.js';
import { checkVaryOrigin } from './vary-check.js';

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

function selectedProfiles(): ProfileName[] {
  return PROFILE_NAMES.filter((name) => byId<HTMLInputElement>(`profile-${name}`).checked);
}

/** Runs the model on `exchange` and shows the outcome. */
function check(exchange: Exchange, notes: readonly string[]): void {
  const profiles = selectedProfiles();
  if (profiles.length === 0) {
    renderProblems(problems, ['Choose at least one browser.']);
    return;
  }
  renderProblems(problems, []);
  renderOutcome(results, {
    result: evaluate(exchange, profiles),
    consoles: evaluate(exchange, ['chrome', 'firefox']),
    headerFindings: checkVaryOrigin(exchange),
    notes,
  });
  results.scrollIntoView({ block: 'start' });
}

function fieldLabel(field: string): string {
  const match = /^steps\.(\d+)\.(\w+)$/.exec(field);
  if (match === null) return field;
  return `Request ${Number(match[1]) + 1}, ${match[2]}`;
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
  check(built.exchange, []);
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
addStep();
byId('add-step').addEventListener('click', addStep);
byId<HTMLFormElement>('form-panel').addEventListener('submit', onSubmit);
byId('tab-form').addEventListener('click', () => selectTab('form'));
byId('tab-paste').addEventListener('click', () => selectTab('paste'));
