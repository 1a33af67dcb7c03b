/**
 * The commands an import file may name, by the domain's command name, and the HTTP route each
 * one is (`:id` is the line's `id`). The import sends every line through that route, so a line
 * is validated, decided and recorded exactly as the same request to the API would be.
 */
export const IMPORT_ROUTES = {
  RegisterOrganization: '/v1/organizations',
  PublishOffering: '/v1/offerings',
  ReviseOffering: '/v1/offerings/:id/revise',
  RetireOffering: '/v1/offerings/:id/retire',
  EstablishRelationship: '/v1/relationships',
  AssignStakeholder: '/v1/relationships/:id/stakeholders',
  ProvisionService: '/v1/relationships/:id/provisions',
  DeprovisionService: '/v1/relationships/:id/deprovisions',
  ConsumeService: '/v1/relationships/:id/consumptions',
  DeliverOutput: '/v1/relationships/:id/outputs',
  RealizeOutcome: '/v1/relationships/:id/outcomes',
  RecordCost: '/v1/relationships/:id/costs',
  RecordRisk: '/v1/relationships/:id/risks',
  MeasureServiceLevel: '/v1/relationships/:id/service-levels',
  ReviewRelationship: '/v1/relationships/:id/reviews',
  RetractFact: '/v1/relationships/:id/retractions',
  EndRelationship: '/v1/relationships/:id/end',
  ProposeImprovement: '/v1/improvements',
  ApproveImprovement: '/v1/improvements/:id/approve',
  RejectImprovement: '/v1/improvements/:id/reject',
  WithdrawImprovement: '/v1/improvements/:id/withdraw',
  PutImprovementOnHold: '/v1/improvements/:id/hold',
  ResumeImprovement: '/v1/improvements/:id/resume',
  ImplementImprovement: '/v1/improvements/:id/implement',
  EvaluateImprovement: '/v1/improvements/:id/evaluate',
} as const;

export type ImportCommandName = keyof typeof IMPORT_ROUTES;

export function isImportCommand(name: string): name is ImportCommandName {
  return Object.prototype.hasOwnProperty.call(IMPORT_ROUTES, name);
}
