import {defineQuery} from 'groq'

/** The reader frontend's post page: one post by slug with everything it links to. */
export const postPageQuery = defineQuery(`*[_type == "post" && slug.current == $slug][0]{
  _id, title, "slug": slug.current, excerpt, publishedAt,
  "tags": tags[]->{_id, title, "slug": slug.current},
  "previous": previous->{title, "slug": slug.current},
  "next": next->{title, "slug": slug.current},
  "reactions": *[_type == "reaction" && post._ref == ^._id][0].counts
}`)
