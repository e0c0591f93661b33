using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Features.PatientRequests;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Persistence;

/// <summary>
/// What one store implementation holds for the features: sessions and their tokens, the image index, filing leases,
/// commits, series, requests for photos from patients. One implementation per backend, so a session's keys live and
/// expire together.
/// </summary>
internal interface IProductStore : ISessionStore, IImageIndex, IFilingLeases, ICommitStore, ISeriesStore, IPatientRequestStore;
