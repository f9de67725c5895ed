import {AUTHOR_TYPE} from '../../core/authors.ts'
import type {ObjectSchemaType, Schema} from 'sanity'
import type {StructureResolver} from 'sanity/structure'

import {
  POST_TYPE,
  REACTION_TALLY_TYPE,
  REACTION_VOTER_TYPE,
  TAG_TYPE,
} from '../../core/document-types.ts'

/**
 * The document type `post.authors` references in `schema`: Newsroom's `author`, or the Studio's own
 * type named by the `authors` option.
 */
export function postAuthorType(schema: Pick<Schema, 'get'>): string {
  const post = schema.get(POST_TYPE)
  const fields = post && 'fields' in post ? (post as ObjectSchemaType).fields : []
  const authors = fields.find((field) => field.name === 'authors')?.type
  const member = authors?.jsonType === 'array' ? authors.of[0] : undefined
  const target = member && 'to' in member ? (member.to as Array<{name: string}>)[0] : undefined
  return target?.name ?? AUTHOR_TYPE
}

/** Desk structure: posts newest first, then tags, authors, reaction tallies and voter records. */
export const newsroomStructure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Posts')
        .schemaType(POST_TYPE)
        .child(
          S.documentTypeList(POST_TYPE)
            .title('Posts')
            .defaultOrdering([{field: 'publishedAt', direction: 'desc'}]),
        ),
      S.documentTypeListItem(TAG_TYPE).title('Tags'),
      S.documentTypeListItem(postAuthorType(context.schema)).title('Authors'),
      S.documentTypeListItem(REACTION_TALLY_TYPE).title('Reactions'),
      S.documentTypeListItem(REACTION_VOTER_TYPE).title('Voter records'),
    ])
