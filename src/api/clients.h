/*
 * Routes for existing clients (clients.md §5-6): the reference web
 * client's device, reservation and certificate calls that the rest of the
 * API does not serve.
 */
#ifndef API_CLIENTS_H
#define API_CLIENTS_H

struct api_call;

/* clients_devices.c: clients.md §5.2-5.5 */
void	api_cl_device_list(struct api_call *);
void	api_cl_device_by_external(struct api_call *);
void	api_cl_autocomplete_my(struct api_call *);
void	api_cl_autocomplete_admin(struct api_call *);
void	api_cl_certified_spans(struct api_call *);
/* clients_certs.c: clients.md §6.1, §6.2, §6.4 */
void	api_cl_blockchain_properties(struct api_call *);
void	api_cl_current_information(struct api_call *);
void	api_cl_redemption_report(struct api_call *);
/* clients_export.c: clients.md §6.5 */
void	api_cl_export_perdevice(struct api_call *);

#endif
