import {
  getArgumentValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";
import type { Product } from "../metadata/model.js";

/** What the selection builder needs from one GraphQL request. */
export class SelectionContext {
  constructor(
    readonly schema: GraphQLSchema,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    readonly variables: Record<string, unknown>,
    readonly types: Map<string, Product>,
  ) {}

  objectType(name: string): GraphQLObjectType {
    return this.schema.getType(name) as GraphQLObjectType;
  }

  /** The merged sub-selection of a field, by response key (fragments, @skip/@include applied). */
  subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, readonly FieldNode[]> {
    return collectSubfields(this.schema, this.fragments, this.variables, type, nodes);
  }

  /** Coerced arguments of a field of `parent`. */
  args(parent: GraphQLObjectType, node: FieldNode): Record<string, any> {
    const def = parent.getFields()[node.name.value];
    return getArgumentValues(def, node, this.variables);
  }
}
