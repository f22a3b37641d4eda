export class WidgetHandoffConfigDto {
  /** Show "Contact a human": handoff is entitled by Wilow AND enabled by the tenant's admin. */
  enabled: boolean;
}

export class WidgetConfigDto {
  handoff: WidgetHandoffConfigDto;
}
