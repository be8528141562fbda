/**
 * The vaccine products coded the same way in every Immunization: our product code (display in
 * Chinese, the registered product name) first, then CVX where CVX has exactly that product, and
 * the short name officials write as the text. The CodeSystem resource that defines our codes is
 * written beside the export, so a receiver can resolve them without asking us.
 */
import { products, productByCode, type Product } from '../../../domain/vaccines/catalog.js';
import { CVX, PRODUCT_SYSTEM } from './fhirCodes.js';
import type { CodeableConcept, CodeSystem, Coding } from './fhirTypes.js';

/** The product as a CodeableConcept; an unknown code (not in the catalog) keeps our system. */
export function vaccineConcept(code: string): CodeableConcept {
  const p: Product | undefined = productByCode(code);
  if (!p) return { coding: [{ system: PRODUCT_SYSTEM, code }], text: code };
  const coding: Coding[] = [{ system: PRODUCT_SYSTEM, code: p.code, display: p.name.zh }];
  const cvx = CVX[p.code];
  if (cvx) coding.push(cvx);
  return { coding, text: p.shortName.zh };
}

/** Our product code system, complete: one concept per catalog product. */
export function vaccineCodeSystem(): CodeSystem {
  return {
    resourceType: 'CodeSystem',
    id: 'covid-vaccine-product',
    url: PRODUCT_SYSTEM,
    name: 'GridvaxCovidVaccineProduct',
    title: '新冠病毒疫苗产品 COVID-19 vaccine products (China, 2021 national technical guideline)',
    status: 'active',
    language: 'zh-CN',
    description:
      '国家卫生健康委《新冠病毒疫苗接种技术指南（第一版）》（2021-03-29）所列的五种疫苗产品。The five products of the national technical guideline of 2021-03-29; display is the registered Chinese product name.',
    caseSensitive: true,
    content: 'complete',
    count: products.length,
    concept: products.map((p) => ({
      code: p.code,
      display: p.name.zh,
      definition: `${p.name.zh}，${p.manufacturer.zh}；基础免疫 ${p.primaryDoses} 剂`,
      designation: [{ language: 'en', value: p.name.en }],
    })),
  };
}
