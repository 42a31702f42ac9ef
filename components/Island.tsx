import { type ComponentProps, type ComponentType, h } from "preact";
import { type IslandName, islands } from "../islands/registry.ts";

/** The props an island is rendered and hydrated with. */
export type IslandProps<N extends IslandName> = ComponentProps<(typeof islands)[N]>;

/**
 * An island as the server sends it: its HTML, wrapped in the element `islands/hydrate.ts`
 * looks for, with the props it hydrates with.
 */
export function Island<N extends IslandName>(props: { name: N; props: IslandProps<N> }) {
  // TypeScript cannot tie islands[N] to IslandProps<N> for a generic N; they are one table.
  const component = islands[props.name] as ComponentType<object>;
  return (
    <div data-island={props.name} data-props={JSON.stringify(props.props)}>
      {h(component, props.props as object)}
    </div>
  );
}
