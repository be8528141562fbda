/**
 * `gridvax export fhir`: the residents of a unit as FHIR R4 Patients and their doses as
 * Immunizations, the way the FHIR Bulk Data Access specification hands out data — one NDJSON
 * file per resource type (Patient.ndjson, Immunization.ndjson, one resource per line) — plus a
 * `collection` Bundle of the same resources (bundle.json) for receivers that take one document,
 * and the CodeSystem that defines our vaccine product codes.
 *
 * With a campaign, only the residents the campaign counts as eligible (status other than
 * ineligible) and their doses — all of them, since a series means something only whole.
 *
 * NDJSON references patients relatively (`Patient/430321-17`), as bulk data does; the Bundle
 * gives every entry a `urn:uuid:` full URL (name-based, the same in every export) and points its
 * Immunizations at their Patient's full URL, so the references resolve inside the Bundle.
 *
 * Residents are read a page at a time and every line is written as it is made: a county's
 * export never sits in memory. Files are written under temporary names and renamed at the end,
 * so a failed export leaves no file that looks complete.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CampaignRow } from '../../../store/campaignQueries.js';
import type { Store } from '../../../store/openStore.js';
import { campaignPage, registerPage } from '../../../store/residentListQueries.js';
import { requireCampaign } from '../../campaigns/requireCampaign.js';
import type { Scope } from '../../records/findResident.js';
import { shanghaiIso } from '../exportFormat.js';
import { campaignWhere, dosesOf, householdsOf } from '../exportQueries.js';
import { exportUnit, type ExportUnit } from '../exportUnit.js';
import type { Immunization, Patient } from './fhirTypes.js';
import { toImmunization } from './immunizationResource.js';
import { gridvaxUuid } from './nameUuid.js';
import { addressNames, patientId, toPatient, type PatientFacts } from './patientResource.js';
import { vaccineCodeSystem } from './vaccineCoding.js';

export interface FhirExportInput {
  place: string;
  campaignId?: number;
  scope?: Scope;
}

export const FHIR_FILES = {
  patients: 'Patient.ndjson',
  immunizations: 'Immunization.ndjson',
  bundle: 'bundle.json',
  codeSystem: 'CodeSystem-covid-vaccine-product.json',
} as const;

export interface FhirExportSummary {
  dir: string;
  patients: number;
  immunizations: number;
  files: string[];
}

export interface PreparedFhirExport {
  unit: ExportUnit;
  /** Patients, one at a time, in (grid, resident) order. */
  patients(): AsyncGenerator<Patient>;
  /** Immunizations, resident by resident in the same order, each resident's oldest first. */
  immunizations(): AsyncGenerator<Immunization>;
  /** Writes the NDJSON files, the Bundle and the CodeSystem into `dir` (made when missing). */
  writeDir(dir: string): Promise<FhirExportSummary>;
}

const PAGE = 2000;

interface Page {
  residents: PatientFacts[];
  households: Map<string, { address: string }>;
}

/** Checks the unit (and campaign) in the caller's scope; nothing is read until asked for. */
export async function prepareFhirExport(store: Store, input: FhirExportInput): Promise<PreparedFhirExport> {
  const campaign =
    input.campaignId === undefined ? undefined : await requireCampaign(store, input.campaignId, input.scope);
  const unit = await exportUnit(store, input.place, input.scope);
  // SECURITY (security issue): this export carries full ID numbers, names, phones and addresses
  // to the health authorities — by design, since they match people by ID number. That issue
  // restricts who may run it and writes the audit entry (who, which unit, when) here.
  const names = addressNames(unit);
  const pages = (): AsyncGenerator<Page> => residentPages(store, unit, campaign);

  async function* patients(): AsyncGenerator<Patient> {
    for await (const p of pages()) {
      for (const r of p.residents)
        yield toPatient(r, p.households.get(r.household_id ?? '')?.address, unit, names);
    }
  }
  async function* immunizations(): AsyncGenerator<Immunization> {
    for await (const p of pages()) {
      const doses = await dosesOf(
        store.db,
        unit.county,
        p.residents.map((r) => Number(r.id)),
      );
      for (const r of p.residents) for (const d of doses.get(Number(r.id)) ?? []) yield toImmunization(d);
    }
  }
  return {
    unit,
    patients,
    immunizations,
    writeDir: (dir) => writeDir(store, unit, names, pages, dir),
  };
}

async function* residentPages(
  store: Store,
  unit: ExportUnit,
  campaign: CampaignRow | undefined,
): AsyncGenerator<Page> {
  let after: { grid: string; id: number } | undefined;
  for (;;) {
    let residents: PatientFacts[];
    if (campaign) {
      const rows = await campaignPage(
        store.db,
        Number(campaign.id),
        unit.place.code,
        campaignWhere((eb) => eb('campaign_residents.status', '!=', 'ineligible')),
        after,
        PAGE,
      );
      residents = rows.map((r) => ({
        county_code: r.county_code,
        id: Number(r.resident_id),
        id_number: r.id_number,
        name: r.name,
        sex: r.sex,
        birth_date: r.birth_date,
        phone: r.phone,
        household_id: r.household_id,
        grid_code: r.grid_code,
        status: r.register_status,
      }));
    } else {
      residents = await registerPage(store.db, unit.county, unit.place.code, after, PAGE);
    }
    if (residents.length) {
      const households = await householdsOf(
        store.db,
        unit.county,
        residents.map((r) => r.household_id),
      );
      yield { residents, households };
    }
    const last = residents.at(-1);
    if (!last || residents.length < PAGE) return;
    after = { grid: last.grid_code, id: Number(last.id) };
  }
}

/** Writes a line, waiting when the file's buffer is full (a county is millions of lines). */
async function writeLine(ws: WriteStream, line: string): Promise<void> {
  if (!ws.write(line)) await once(ws, 'drain');
}

async function close(ws: WriteStream): Promise<void> {
  ws.end();
  await once(ws, 'close');
}

async function writeDir(
  store: Store,
  unit: ExportUnit,
  names: ReturnType<typeof addressNames>,
  pages: () => AsyncGenerator<Page>,
  dir: string,
): Promise<FhirExportSummary> {
  mkdirSync(dir, { recursive: true });
  const suffix = `.partial-${process.pid}`;
  const finals = [FHIR_FILES.patients, FHIR_FILES.immunizations, FHIR_FILES.bundle, FHIR_FILES.codeSystem];
  const temp = (f: string): string => join(dir, `${f}${suffix}`);
  const patientsOut = createWriteStream(temp(FHIR_FILES.patients));
  const immunizationsOut = createWriteStream(temp(FHIR_FILES.immunizations));
  const bundleOut = createWriteStream(temp(FHIR_FILES.bundle));
  const streams = [patientsOut, immunizationsOut, bundleOut];
  let patients = 0;
  let immunizations = 0;
  try {
    const now = store.now().toISOString();
    const bundleHead = {
      resourceType: 'Bundle',
      id: gridvaxUuid(`Bundle/${unit.place.code}/${now}`),
      type: 'collection',
      timestamp: shanghaiIso(now),
    };
    // The Bundle is streamed too: its head, then entries as they come, then the closing brackets.
    await writeLine(bundleOut, `${JSON.stringify(bundleHead).slice(0, -1)},"entry":[\n`);
    let first = true;
    const entry = async (resource: Patient | Immunization, fullUrl: string): Promise<void> => {
      await writeLine(bundleOut, `${first ? '' : ',\n'}${JSON.stringify({ fullUrl, resource })}`);
      first = false;
    };
    const patientUrl = (ref: string): string => `urn:uuid:${gridvaxUuid(ref)}`;

    for await (const p of pages()) {
      const doses = await dosesOf(
        store.db,
        unit.county,
        p.residents.map((r) => Number(r.id)),
      );
      for (const r of p.residents) {
        const patient = toPatient(r, p.households.get(r.household_id ?? '')?.address, unit, names);
        await writeLine(patientsOut, `${JSON.stringify(patient)}\n`);
        patients++;
        const ref = `Patient/${patientId(r.county_code, Number(r.id))}`;
        await entry(patient, patientUrl(ref));
        for (const d of doses.get(Number(r.id)) ?? []) {
          const imm = toImmunization(d);
          await writeLine(immunizationsOut, `${JSON.stringify(imm)}\n`);
          immunizations++;
          await entry(
            { ...imm, patient: { reference: patientUrl(ref) } },
            `urn:uuid:${gridvaxUuid(`Immunization/${imm.id}`)}`,
          );
        }
      }
    }
    await writeLine(bundleOut, '\n]}\n');
    for (const s of streams) await close(s);
    writeFileSync(temp(FHIR_FILES.codeSystem), `${JSON.stringify(vaccineCodeSystem(), null, 2)}\n`);
    for (const f of finals) renameSync(temp(f), join(dir, f));
  } catch (e) {
    for (const s of streams) s.destroy();
    for (const f of finals) rmSync(temp(f), { force: true });
    throw e;
  }
  return { dir, patients, immunizations, files: finals };
}
