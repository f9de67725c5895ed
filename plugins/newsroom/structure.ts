import {AUTHOR_TYPE} from '../../core/authors.ts'
import type {StructureResolver} from 'sanity/structure'

/** Desk structure: posts newest first, then tags, authors, reaction tallies and voter records. */
export const newsroomStructure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Posts')
        .schemaType('post')
        .child(
          S.documentTypeList('post')
            .title('Posts')
            .defaultOrdering([{field: 'publishedAt', direction: 'desc'}]),
        ),
      S.documentTypeListItem('tag').title('Tags'),
      S.documentTypeListItem(AUTHOR_TYPE).title('Authors'),
      S.documentTypeListItem('reaction').title('Reactions'),
      S.documentTypeListItem('reactionVoter').title('Voter records'),
    ])
