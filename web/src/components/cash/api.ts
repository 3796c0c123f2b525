// The pipeline-to-cash endpoints of the sales module (server/src/modules/sales/sales_module.cpp):
// the printable quote, the enterprise header printed on it, and a contract's payment summary.
import type { RecordData } from '@/api/records';
import { request, requestRaw } from '@/api/request';
import { adminRequest } from '@/api/security';

import { fileNameFromDisposition } from './download';

import type { StoredLine } from './lines';

/** The enterprise header printed on quotes (GET /sales/print-header); '' members when unset. */
export interface PrintHeader {
  company_name: string;
  address: string;
  phone: string;
  email: string;
  website: string;
  tax_number: string;
  bank_name: string;
  bank_account: string;
}

export interface Salesperson {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
}

/** GET /sales/quotes/{id}/print: everything the printed quote shows. */
export interface QuotePrintData {
  header: PrintHeader;
  quote: RecordData;
  lines: StoredLine[];
  /** Null when missing or outside the caller's read scope. */
  customer: RecordData | null;
  contact: RecordData | null;
  salesperson: Salesperson | null;
}

export type PlanStatus = 'not_due' | 'due' | 'partial' | 'paid' | 'overdue';

export interface PlanSummary {
  id: number;
  name: string | null;
  period: number | null;
  due_date: string;
  amount: string;
  received_amount: string;
  status: PlanStatus | string;
}

/** GET /sales/contracts/{id}/payment-summary, computed live for today. */
export interface PaymentSummary {
  contract_id: number;
  amount: string;
  paid_amount: string;
  unpaid_amount: string;
  overdue_amount: string;
  invoiced_amount: string;
  uninvoiced_amount: string;
  today: string;
  plans: PlanSummary[];
}

const id = (v: number | string) => encodeURIComponent(String(v));

export function getQuotePrint(quoteId: number | string): Promise<QuotePrintData> {
  return request<QuotePrintData>(`/sales/quotes/${id(quoteId)}/print`);
}

/**
 * GET /sales/quotes/{id}/print.html: the printed quote as the server lays it out, in the UI's
 * language. The PDF is this same page printed, so what the print view shows is what the PDF has.
 */
export async function getQuotePrintHtml(quoteId: number | string): Promise<string> {
  return (await requestRaw(`/sales/quotes/${id(quoteId)}/print.html`)).text();
}

/** GET /sales/quotes/{id}/pdf: the PDF and the file name the server gave it. */
export async function getQuotePdf(quoteId: number | string): Promise<{ blob: Blob; fileName: string }> {
  const response = await requestRaw(`/sales/quotes/${id(quoteId)}/pdf`);
  const blob = await response.blob();
  return { blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), `quote-${quoteId}.pdf`) };
}

export function getPrintHeader(): Promise<PrintHeader> {
  return request<PrintHeader>('/sales/print-header');
}

export function getPaymentSummary(contractId: number | string): Promise<PaymentSummary> {
  return request<PaymentSummary>(`/sales/contracts/${id(contractId)}/payment-summary`);
}

/** Sets the enterprise header (admins and CRM sub-admins; may ask for the password again). */
export function putPrintHeader(header: Partial<PrintHeader>): Promise<PrintHeader> {
  return adminRequest<PrintHeader>('/sales/print-header', { method: 'PUT', body: header });
}
