import {AUTHOR_TYPE} from '../../core/authors.ts'
import type {StructureResolver} from 'sanity/structure'

import {
  POST_TYPE,
  REACTION_TALLY_TYPE,
  REACTION_VOTER_TYPE,
  TAG_TYPE,
} from '../../core/document-types.ts'

/** Desk structure: posts newest first, then tags, authors, reaction tallies and voter records. */
export const newsroomStructure: StructureResolver = (S) =>
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
      S.documentTypeListItem(AUTHOR_TYPE).title('Authors'),
      S.documentTypeListItem(REACTION_TALLY_TYPE).title('Reactions'),
      S.documentTypeListItem(REACTION_VOTER_TYPE).title('Voter records'),
    ])
