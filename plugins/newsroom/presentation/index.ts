export {newsroomLocations, newsroomMainDocuments, newsroomPresentation} from './presentation.ts'
