import { GraphQLError } from "graphql";

/** A request the caller can fix: reported with `extensions.code` BAD_USER_INPUT, and no SQL runs. */
export const userError = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
